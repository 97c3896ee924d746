package org.sharpeyes.gateway.codec;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) that an MP4 sample entry
 * and an RFC 6381 codec string need.
 *
 * @param constraints the byte after profile_idc: constraint_set0..5 flags and two reserved bits
 * @param width       luma samples, cropping applied; likewise {@code height}
 */
public record H264Sps(int profile, int constraints, int level, int chromaFormat, int bitDepthLuma, int bitDepthChroma,
               int width, int height) implements Sps {
    public static final int NAL_TYPE = 7;

    /** Profiles whose avcC carries chroma format and bit depths (ISO/IEC 14496-15 §5.3.3.1.2). */
    public boolean highProfile() {
        return profile == 100 || profile == 110 || profile == 122 || profile == 144;
    }

    /** @param nal one SPS NAL unit with its header, without start code */
    public static H264Sps parse(byte[] nal) {
        if (nal.length < 4 || (nal[0] & 0x1F) != NAL_TYPE) {
            throw new MalformedNalException("H.264 SPS: not an SPS NAL unit");
        }
        BitReader b = new BitReader(nal, 1, "H.264 SPS");
        int profile = b.u(8);
        int constraints = b.u(8);
        int level = b.u(8);
        b.ue("seq_parameter_set_id", 31);
        int chroma = 1;
        int depthLuma = 8;
        int depthChroma = 8;
        boolean separatePlanes = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139 || profile == 134
                || profile == 135) {
            chroma = b.ue("chroma_format_idc", 3);
            if (chroma == 3) {
                separatePlanes = b.flag();
            }
            depthLuma = 8 + b.ue("bit_depth_luma_minus8", 6);
            depthChroma = 8 + b.ue("bit_depth_chroma_minus8", 6);
            b.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (b.flag()) { // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
                    if (b.flag()) {
                        skipScalingList(b, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        b.ue("log2_max_frame_num_minus4", 12);
        int pocType = b.ue("pic_order_cnt_type", 2);
        if (pocType == 0) {
            b.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
        } else if (pocType == 1) {
            b.skip(1);
            b.se();
            b.se();
            int cycle = b.ue("num_ref_frames_in_pic_order_cnt_cycle", 255);
            for (int i = 0; i < cycle; i++) {
                b.se();
            }
        }
        b.ue("max_num_ref_frames", 16);
        b.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = b.ue("pic_width_in_mbs_minus1", 1023) + 1;
        int heightMapUnits = b.ue("pic_height_in_map_units_minus1", 1023) + 1;
        boolean frameMbsOnly = b.flag();
        if (!frameMbsOnly) {
            b.skip(1); // mb_adaptive_frame_field_flag
        }
        b.skip(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        if (b.flag()) { // frame_cropping_flag
            int arrayType = separatePlanes ? 0 : chroma;
            int cropX = arrayType == 0 || chroma == 3 ? 1 : 2;
            int cropY = (arrayType == 0 || chroma != 1 ? 1 : 2) * (frameMbsOnly ? 1 : 2);
            width -= cropX * (b.ue("frame_crop_left_offset", 8192) + b.ue("frame_crop_right_offset", 8192));
            height -= cropY * (b.ue("frame_crop_top_offset", 8192) + b.ue("frame_crop_bottom_offset", 8192));
        }
        if (width <= 0 || height <= 0) {
            throw new MalformedNalException("H.264 SPS: cropping leaves no picture");
        }
        return new H264Sps(profile, constraints, level, chroma, depthLuma, depthChroma, width, height);
    }

    /** RFC 6381: avc1.PPCCLL, profile, constraint byte and level in hex. */
    public String codecString() {
        return String.format("avc1.%02x%02x%02x", profile, constraints, level);
    }

    private static void skipScalingList(BitReader b, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size && next != 0; j++) {
            next = (last + b.se() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }
}
