package org.sharpeyes.gateway.codec;

/**
 * The fields of an H.265 sequence parameter set (ITU-T H.265 §7.3.2.2) that an hvcC box and an
 * RFC 6381 codec string need: the general profile_tier_level, chroma format, bit depths, size.
 *
 * @param compatibility general_profile_compatibility_flag[0..31], flag 0 in the most significant bit
 * @param constraints   the 48 bits from general_progressive_source_flag on
 */
public record H265Sps(int profileSpace, boolean highTier, int profile, int compatibility, long constraints, int level,
               int subLayers, boolean temporalIdNested, int chromaFormat, int bitDepthLuma, int bitDepthChroma,
               int width, int height) implements Sps {
    public static final int NAL_TYPE = 33;

    /** @param nal one SPS NAL unit with its two-byte header, without start code */
    public static H265Sps parse(byte[] nal) {
        if (nal.length < 3 || ((nal[0] >> 1) & 0x3F) != NAL_TYPE) {
            throw new MalformedNalException("H.265 SPS: not an SPS NAL unit");
        }
        BitReader b = new BitReader(nal, 2, "H.265 SPS");
        b.u(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = b.u(3);
        if (maxSubLayersMinus1 > 6) {
            throw new MalformedNalException("H.265 SPS: sps_max_sub_layers_minus1 = 7 exceeds 6");
        }
        boolean nested = b.flag();
        int space = b.u(2);
        boolean tier = b.flag();
        int profile = b.u(5);
        int compat = b.u(32);
        long constraints = b.u64(48);
        int level = b.u(8);
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = b.flag();
            levelPresent[i] = b.flag();
        }
        if (maxSubLayersMinus1 > 0) {
            b.skip(2 * (8 - maxSubLayersMinus1));
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            b.skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }
        b.ue("sps_seq_parameter_set_id", 15);
        int chroma = b.ue("chroma_format_idc", 3);
        boolean separatePlanes = chroma == 3 && b.flag();
        int width = b.ue("pic_width_in_luma_samples", 16888);
        int height = b.ue("pic_height_in_luma_samples", 16888);
        if (b.flag()) { // conformance_window_flag
            int arrayType = separatePlanes ? 0 : chroma;
            int subW = arrayType == 1 || arrayType == 2 ? 2 : 1;
            int subH = arrayType == 1 ? 2 : 1;
            width -= subW * (b.ue("conf_win_left_offset", 16888) + b.ue("conf_win_right_offset", 16888));
            height -= subH * (b.ue("conf_win_top_offset", 16888) + b.ue("conf_win_bottom_offset", 16888));
        }
        int depthLuma = 8 + b.ue("bit_depth_luma_minus8", 8);
        int depthChroma = 8 + b.ue("bit_depth_chroma_minus8", 8);
        if (width <= 0 || height <= 0) {
            throw new MalformedNalException("H.265 SPS: no picture (" + width + "x" + height + " after the conformance window)");
        }
        return new H265Sps(space, tier, profile, compat, constraints, level, maxSubLayersMinus1 + 1, nested, chroma,
                depthLuma, depthChroma, width, height);
    }

    /**
     * RFC 6381 / ISO/IEC 14496-15 Annex E: hvc1.[A-C]?profile.compat(bit-reversed hex).(L|H)level
     * then the constraint bytes in hex, trailing zero bytes left out, e.g. {@code hvc1.1.6.L93.B0}.
     */
    public String codecString() {
        StringBuilder s = new StringBuilder("hvc1.");
        if (profileSpace > 0) {
            s.append((char) ('A' + profileSpace - 1));
        }
        s.append(profile).append('.').append(Integer.toHexString(Integer.reverse(compatibility)).toUpperCase())
                .append('.').append(highTier ? 'H' : 'L').append(level);
        int last = 5;
        while (last >= 0 && ((constraints >>> (8 * (5 - last))) & 0xFF) == 0) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            s.append('.').append(Long.toHexString((constraints >>> (8 * (5 - i))) & 0xFF).toUpperCase());
        }
        return s.toString();
    }
}
