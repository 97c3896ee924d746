package org.sharpeyes.gateway.rtsp;

/** The luma plane of one decoded frame, row by row without padding: what picture diagnosis looks at. */
public record GrayFrame(int width, int height, byte[] luma, long pts) {
    /** Mean luma as coded (video levels: black is 16, white 235 in the usual limited range), 0..255. */
    public double meanLuma() {
        long sum = 0;
        for (byte b : luma) {
            sum += b & 0xFF;
        }
        return luma.length == 0 ? 0 : (double) sum / luma.length;
    }

    /** Mean absolute luma difference to another frame of the same size, 0..255. */
    public double meanAbsDiff(GrayFrame other) {
        if (other.width != width || other.height != height) {
            return 255;
        }
        long sum = 0;
        for (int i = 0; i < luma.length; i++) {
            sum += Math.abs((luma[i] & 0xFF) - (other.luma[i] & 0xFF));
        }
        return luma.length == 0 ? 0 : (double) sum / luma.length;
    }
}
