package org.sharpeyes.gateway.rtsp;

import java.io.ByteArrayOutputStream;

/**
 * H.264/H.265 Annex B byte streams (NAL units behind 00 00 01 start codes), as RTSP delivers them.
 */
final class AnnexB {
    private AnnexB() {
    }

    /**
     * A continuation of an access unit (more slices of the same frame) without the NAL units that
     * would start a new access unit: parameter sets, access unit delimiters and SEI. Some cameras
     * (and GStreamer's payloader) repeat SPS/PPS before every IDR slice; left in the middle of a
     * frame, decoders and MSE would see an extra, broken frame.
     */
    static byte[] continuation(byte[] data, boolean hevc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        int start = nextStartCode(data, 0);
        if (start < 0) {
            return data; // not Annex B: leave it alone
        }
        while (start >= 0) {
            int payload = start + (data[start + 2] == 1 ? 3 : 4);
            int next = nextStartCode(data, payload);
            int end = next < 0 ? data.length : next;
            if (payload < end && !startsAccessUnit(data[payload], hevc)) {
                out.write(data, start, end - start);
            }
            start = next;
        }
        return out.toByteArray();
    }

    /** Parameter sets, access unit delimiters and (prefix) SEI: NAL units that may only precede the first slice. */
    static boolean startsAccessUnit(byte header, boolean hevc) {
        if (hevc) {
            int type = (header >> 1) & 0x3F;
            return type >= 32 && type <= 35 || type == 39; // VPS, SPS, PPS, AUD, prefix SEI
        }
        int type = header & 0x1F;
        return type >= 6 && type <= 9; // SEI, SPS, PPS, AUD
    }

    /** Index of the next 00 00 01 or 00 00 00 01 at or after {@code from}, or -1. */
    static int nextStartCode(byte[] d, int from) {
        for (int i = from; i + 2 < d.length; i++) {
            if (d[i] == 0 && d[i + 1] == 0) {
                if (d[i + 2] == 1) {
                    return i;
                }
                if (d[i + 2] == 0 && i + 3 < d.length && d[i + 3] == 1) {
                    return i;
                }
            }
        }
        return -1;
    }
}
