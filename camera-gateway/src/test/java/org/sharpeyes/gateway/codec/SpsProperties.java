package org.sharpeyes.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** SPS bytes come from cameras: whatever comes, the parsers answer or refuse clearly. */
class SpsProperties {
    @Property
    void anH264SpsIsReadOrRefusedClearly(@ForAll @Size(max = 64) byte[] body) {
        answersOrRefuses(() -> H264Sps.parse(withHeader(body, (byte) 0x67)));
    }

    @Property
    void anH265SpsIsReadOrRefusedClearly(@ForAll @Size(max = 96) byte[] body) {
        answersOrRefuses(() -> H265Sps.parse(withHeader(body, (byte) 0x42, (byte) 0x01)));
    }

    @Property
    void anH264SpsGivesBackTheSizeItWasWrittenWith(@ForAll @IntRange(min = 1, max = 120) int widthMbs,
                                                   @ForAll @IntRange(min = 1, max = 68) int heightMbs,
                                                   @ForAll @IntRange(min = 0, max = 7) int cropRight,
                                                   @ForAll @IntRange(min = 0, max = 7) int cropBottom,
                                                   @ForAll @IntRange(min = 10, max = 51) int level) {
        BitWriter w = new BitWriter();
        w.u(8, 66).u(8, 0xC0).u(8, level); // constrained baseline
        w.ue(0).ue(0).ue(0).ue(0).ue(1).u(1, 0); // sps id, log2_max_frame_num-4, poc type 0, log2_max_poc_lsb-4, refs, gaps
        w.ue(widthMbs - 1).ue(heightMbs - 1).u(1, 1).u(1, 1); // size in macroblocks, frame_mbs_only, direct_8x8
        boolean crop = cropRight > 0 || cropBottom > 0;
        w.u(1, crop ? 1 : 0);
        if (crop) {
            w.ue(0).ue(cropRight).ue(0).ue(cropBottom);
        }
        w.u(1, 0); // no VUI
        H264Sps s = H264Sps.parse(w.nal(0x67));
        assertThat(s.width()).isEqualTo(widthMbs * 16 - 2 * cropRight);
        assertThat(s.height()).isEqualTo(heightMbs * 16 - 2 * cropBottom);
        assertThat(s.codecString()).isEqualTo(String.format("avc1.42c0%02x", level));
    }

    @Property
    void anH265SpsGivesBackTheSizeItWasWrittenWith(@ForAll @IntRange(min = 8, max = 4096) int width,
                                                   @ForAll @IntRange(min = 8, max = 2304) int height,
                                                   @ForAll @IntRange(min = 0, max = 3) int cropRight,
                                                   @ForAll @IntRange(min = 0, max = 3) int cropBottom,
                                                   @ForAll @IntRange(min = 30, max = 186) int level) {
        BitWriter w = new BitWriter();
        w.u(4, 0).u(3, 0).u(1, 1); // VPS id, one sub-layer, temporal id nesting
        w.u(2, 0).u(1, 0).u(5, 1).u(32, 0x60000000).u(24, 0).u(24, 0).u(8, level); // Main, Main compatible, no constraints
        w.ue(0).ue(1).ue(width).ue(height); // SPS id, 4:2:0, size in luma samples
        boolean crop = cropRight > 0 || cropBottom > 0;
        w.u(1, crop ? 1 : 0);
        if (crop) {
            w.ue(0).ue(cropRight).ue(0).ue(cropBottom); // in chroma samples: 2 luma each
        }
        w.ue(0).ue(0); // 8-bit luma and chroma
        Sps s = Sps.parse(w.nal(0x42, 0x01), true);
        assertThat(s).isInstanceOf(H265Sps.class);
        assertThat(s.width()).isEqualTo(width - 2 * cropRight);
        assertThat(s.height()).isEqualTo(height - 2 * cropBottom);
        assertThat(((H265Sps) s).codecString()).isEqualTo("hvc1.1.6.L" + level);
    }

    private static void answersOrRefuses(Runnable r) {
        Throwable t = catchThrowable(r::run);
        if (t != null) {
            assertThat(t).isInstanceOf(IllegalArgumentException.class);
            assertThat(t.getMessage()).isNotBlank();
        }
    }

    private static byte[] withHeader(byte[] body, byte... header) {
        byte[] nal = new byte[header.length + body.length];
        System.arraycopy(header, 0, nal, 0, header.length);
        System.arraycopy(body, 0, nal, header.length, body.length);
        return nal;
    }

    /** Writes an RBSP and wraps it as a NAL unit with emulation prevention, as an encoder does. */
    private static final class BitWriter {
        private final List<Integer> bits = new ArrayList<>();

        BitWriter u(int n, int v) {
            for (int i = n - 1; i >= 0; i--) {
                bits.add((v >> i) & 1);
            }
            return this;
        }

        BitWriter ue(int v) {
            int x = v + 1;
            int len = 32 - Integer.numberOfLeadingZeros(x);
            return u(len - 1, 0).u(len, x);
        }

        byte[] nal(int... header) {
            u(1, 1); // rbsp_stop_one_bit
            while (bits.size() % 8 != 0) {
                bits.add(0);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int h : header) {
                out.write(h);
            }
            int zeros = 0;
            for (int i = 0; i < bits.size(); i += 8) {
                int b = 0;
                for (int j = 0; j < 8; j++) {
                    b = b << 1 | bits.get(i + j);
                }
                if (zeros >= 2 && b <= 3) {
                    out.write(3);
                    zeros = 0;
                }
                out.write(b);
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return out.toByteArray();
        }
    }
}
