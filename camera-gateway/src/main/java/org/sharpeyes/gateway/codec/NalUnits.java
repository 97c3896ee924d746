package org.sharpeyes.gateway.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NAL units of H.264/H.265 Annex B byte streams (each behind a 00 00 01 or 00 00 00 01 start
 * code), as RTSP delivers them and the hub carries them.
 */
public final class NalUnits {
    /**
     * One NAL unit: {@code length} bytes at {@code offset}, header first; positions in the packet's
     * array so that writing a sample copies each byte once.
     */
    public record Nal(byte[] data, int offset, int length) {
        public int header() {
            return data[offset] & 0xFF;
        }

        /** H.264 nal_unit_type (5 bits) or H.265 nal_unit_type (6 bits). */
        public int type(boolean hevc) {
            return hevc ? (header() >> 1) & 0x3F : header() & 0x1F;
        }

        public byte[] copy() {
            return Arrays.copyOfRange(data, offset, offset + length);
        }
    }

    private NalUnits() {
    }

    /**
     * @throws IllegalArgumentException when the data does not start with a start code (it is not Annex B)
     */
    public static List<Nal> split(byte[] annexB) {
        if (annexB.length == 0) {
            return List.of();
        }
        int start = startCode(annexB, 0);
        if (start != 0 && !(start > 0 && allZero(annexB, 0, start))) {
            throw new IllegalArgumentException("not an Annex B access unit: no start code at the beginning");
        }
        List<Nal> out = new ArrayList<>(4);
        while (start >= 0) {
            int payload = start + (annexB[start + 2] == 1 ? 3 : 4);
            int next = startCode(annexB, payload);
            int end = next < 0 ? annexB.length : next;
            while (end > payload && annexB[end - 1] == 0) {
                end--; // trailing_zero_8bits belong to the byte stream, not the NAL unit
            }
            if (end > payload) {
                out.add(new Nal(annexB, payload, end - payload));
            }
            start = next;
        }
        return out;
    }

    /**
     * A continuation of an access unit (more slices of the same frame) without the NAL units that
     * would start a new access unit: parameter sets, access unit delimiters and SEI. Some cameras
     * (and GStreamer's payloader) repeat SPS/PPS before every IDR slice; left in the middle of a
     * frame, decoders and MSE would see an extra, broken frame. Start codes are kept as they were.
     */
    public static byte[] continuation(byte[] data, boolean hevc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        int start = startCode(data, 0);
        if (start < 0) {
            return data; // not Annex B: leave it alone
        }
        while (start >= 0) {
            int payload = start + (data[start + 2] == 1 ? 3 : 4);
            int next = startCode(data, payload);
            int end = next < 0 ? data.length : next;
            if (payload < end && !startsAccessUnit(data[payload], hevc)) {
                out.write(data, start, end - start);
            }
            start = next;
        }
        return out.toByteArray();
    }

    /** Parameter sets, access unit delimiters and (prefix) SEI: NAL units that may only precede the first slice. */
    public static boolean startsAccessUnit(byte header, boolean hevc) {
        if (hevc) {
            int type = (header >> 1) & 0x3F;
            return type >= 32 && type <= 35 || type == 39; // VPS, SPS, PPS, AUD, prefix SEI
        }
        int type = header & 0x1F;
        return type >= 6 && type <= 9; // SEI, SPS, PPS, AUD
    }

    /** Index of the next 00 00 01 or 00 00 00 01 at or after {@code from}, or -1. */
    private static int startCode(byte[] d, int from) {
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

    private static boolean allZero(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            if (d[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
