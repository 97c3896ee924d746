package org.sharpeyes.gateway.rtsp;

/**
 * The picture size from an H.264 (ITU-T H.264 §7.3.2.1.1) or H.265 (§7.3.2.2) sequence parameter
 * set, read only as far as the size fields, cropping applied.
 *
 * @param width  0 when the SPS is too short or malformed
 */
record Sps(int width, int height) {
    static final Sps UNKNOWN = new Sps(0, 0);

    /** @param nal one SPS NAL unit with its header, without start code */
    static Sps parse(byte[] nal, boolean hevc) {
        try {
            Bits b = new Bits(nal, hevc ? 2 : 1);
            return hevc ? h265(b) : h264(b);
        } catch (ArrayIndexOutOfBoundsException e) {
            return UNKNOWN;
        }
    }

    private static Sps h264(Bits b) {
        int profile = b.u(8);
        b.u(16); // constraint flags, level
        b.ue(); // seq_parameter_set_id
        int chroma = 1;
        boolean separatePlanes = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139 || profile == 134
                || profile == 135) {
            chroma = b.ue();
            if (chroma == 3) {
                separatePlanes = b.u(1) == 1;
            }
            b.ue(); // bit depth luma
            b.ue(); // bit depth chroma
            b.u(1);
            if (b.u(1) == 1) { // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
                    if (b.u(1) == 1) {
                        skipScalingList(b, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        b.ue(); // log2_max_frame_num_minus4
        int pocType = b.ue();
        if (pocType == 0) {
            b.ue();
        } else if (pocType == 1) {
            b.u(1);
            b.se();
            b.se();
            int cycle = b.ue();
            for (int i = 0; i < cycle; i++) {
                b.se();
            }
        }
        b.ue(); // max_num_ref_frames
        b.u(1);
        int widthMbs = b.ue() + 1;
        int heightMapUnits = b.ue() + 1;
        int frameMbsOnly = b.u(1);
        if (frameMbsOnly == 0) {
            b.u(1);
        }
        b.u(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (2 - frameMbsOnly) * heightMapUnits * 16;
        if (b.u(1) == 1) { // frame_cropping_flag
            int arrayType = separatePlanes ? 0 : chroma;
            int cropX = arrayType == 0 ? 1 : (chroma == 3 ? 1 : 2);
            int cropY = (arrayType == 0 ? 1 : (chroma == 1 ? 2 : 1)) * (2 - frameMbsOnly);
            width -= cropX * (b.ue() + b.ue());
            height -= cropY * (b.ue() + b.ue());
        }
        return width > 0 && height > 0 ? new Sps(width, height) : UNKNOWN;
    }

    private static void skipScalingList(Bits b, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && next != 0; j++) {
            next = (last + b.se() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }

    private static Sps h265(Bits b) {
        b.u(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = b.u(3);
        b.u(1);
        b.skip(96); // general profile_tier_level: 2+1+5+32+4+43+1 bits, then general_level_idc
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = b.u(1) == 1;
            levelPresent[i] = b.u(1) == 1;
        }
        if (maxSubLayersMinus1 > 0) {
            b.skip(2 * (8 - maxSubLayersMinus1));
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            b.skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }
        b.ue(); // sps_seq_parameter_set_id
        int chroma = b.ue();
        boolean separatePlanes = chroma == 3 && b.u(1) == 1;
        int width = b.ue();
        int height = b.ue();
        if (b.u(1) == 1) { // conformance_window_flag
            int arrayType = separatePlanes ? 0 : chroma;
            int subW = arrayType == 1 || arrayType == 2 ? 2 : 1;
            int subH = arrayType == 1 ? 2 : 1;
            width -= subW * (b.ue() + b.ue());
            height -= subH * (b.ue() + b.ue());
        }
        return width > 0 && height > 0 ? new Sps(width, height) : UNKNOWN;
    }

    /** Big-endian bit reader over the RBSP: emulation prevention bytes (00 00 03) are skipped. */
    private static final class Bits {
        private final byte[] d;
        private int pos; // byte index
        private int bit; // 0..7 within d[pos]
        private int zeros; // consecutive 0x00 bytes before pos

        Bits(byte[] d, int start) {
            this.d = d;
            this.pos = start;
        }

        int u(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 1) | bit();
            }
            return v;
        }

        void skip(int n) {
            for (int i = 0; i < n; i++) {
                bit();
            }
        }

        int ue() {
            int lead = 0;
            while (bit() == 0) {
                if (++lead > 31) {
                    throw new ArrayIndexOutOfBoundsException("exp-Golomb code longer than 32 bits");
                }
            }
            return (int) ((1L << lead) - 1 + (lead == 0 ? 0 : Integer.toUnsignedLong(u(lead))));
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }

        private int bit() {
            if (bit == 0 && zeros >= 2 && d[pos] == 3) {
                pos++;
                zeros = 0;
            }
            int v = (d[pos] >> (7 - bit)) & 1;
            if (++bit == 8) {
                zeros = d[pos] == 0 ? zeros + 1 : 0;
                bit = 0;
                pos++;
            }
            return v;
        }
    }
}
