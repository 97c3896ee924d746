package org.sharpeyes.analytics.tracker;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.common.Box;

/** JPEG bytes of a borrowed frame, so that nothing native outlives the call. */
final class Jpeg {
    private Jpeg() {
    }

    /** The whole frame, scaled down (never up) to at most {@code maxWidth}, aspect kept. */
    static byte[] snapshot(Mat frame, int maxWidth, int quality) {
        try (PointerScope scope = new PointerScope()) {
            if (frame.cols() <= maxWidth) {
                return encode(frame, quality);
            }
            int height = Math.max(1, (int) Math.round((double) frame.rows() * maxWidth / frame.cols()));
            Mat small = new Mat();
            resize(frame, small, new Size(maxWidth, height), 0, 0, INTER_AREA);
            return encode(small, quality);
        }
    }

    /** The box grown by {@code margin} of its size on each side, clipped to the frame, at full resolution. */
    static byte[] crop(Mat frame, Box box, double margin, int quality) {
        Box grown = grow(box, margin, frame.cols(), frame.rows());
        try (PointerScope scope = new PointerScope()) {
            return encode(new Mat(frame, new Rect(grown.x(), grown.y(), grown.width(), grown.height())), quality);
        }
    }

    static Box grow(Box box, double margin, int width, int height) {
        int dx = (int) Math.round(box.width() * margin);
        int dy = (int) Math.round(box.height() * margin);
        int x0 = clamp(box.x() - dx, 0, width - 1);
        int y0 = clamp(box.y() - dy, 0, height - 1);
        int x1 = clamp(box.x() + box.width() + dx, x0 + 1, width);
        int y1 = clamp(box.y() + box.height() + dy, y0 + 1, height);
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static byte[] encode(Mat image, int quality) {
        BytePointer buffer = new BytePointer();
        if (!imencode(".jpg", image, buffer, new IntPointer(IMWRITE_JPEG_QUALITY, quality))) {
            throw new IllegalStateException("JPEG encoding failed for a " + image.cols() + "x" + image.rows() + " image");
        }
        byte[] bytes = new byte[(int) buffer.limit()];
        buffer.get(bytes);
        return bytes;
    }
}
