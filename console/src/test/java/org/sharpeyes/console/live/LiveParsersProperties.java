package org.sharpeyes.console.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.sharpeyes.gateway.hub.Packet;
import org.sharpeyes.gateway.hub.StreamInfo;

/** The parsers take bytes from cameras: whatever comes, they answer or refuse clearly. */
class LiveParsersProperties {
    @Property
    void anyParameterSetsMakeATrackOrAClearRefusal(@ForAll boolean hevc, @ForAll @Size(max = 4) List<@Size(max = 40) byte[]> sets) {
        answersOrRefuses(() -> TrackFormat.of(hevc, sets));
    }

    @Property
    void anyPacketIsMuxedOrRefusedClearly(@ForAll boolean hevc, @ForAll @Size(max = 80) byte[] extradata,
                                          @ForAll @Size(max = 200) byte[] data, @ForAll boolean keyframe) {
        Fmp4Muxer m = new Fmp4Muxer();
        m.stream(new StreamInfo(0, hevc ? "hevc" : "h264", 0, 0, extradata, 25));
        answersOrRefuses(() -> m.mux(new Packet(0, 0, keyframe, data, 0)));
    }

    @Property
    void boxesNestAndTheirSizesCoverExactlyTheirContent(@ForAll @Size(max = 5) List<@Size(max = 300) byte[]> payloads,
                                                         @ForAll @IntRange(min = 0, max = 5) int depth) {
        BoxWriter w = new BoxWriter(16);
        for (int d = 0; d < depth; d++) {
            w.open("box" + d);
        }
        for (byte[] p : payloads) {
            w.open("leaf").bytes(p).close();
        }
        for (int d = 0; d < depth; d++) {
            w.close();
        }
        byte[] out = w.toByteArray();
        int at = 0;
        for (int d = 0; d < depth; d++) { // each wrapper spans the rest of the output
            assertThat(u32(out, at)).isEqualTo(out.length - at);
            at += 8;
        }
        for (byte[] p : payloads) {
            assertThat(u32(out, at)).isEqualTo(8 + p.length);
            assertThat(java.util.Arrays.copyOfRange(out, at + 8, at + 8 + p.length)).isEqualTo(p);
            at += 8 + p.length;
        }
        assertThat(at).isEqualTo(out.length);
    }

    private static int u32(byte[] d, int at) {
        return (d[at] & 0xFF) << 24 | (d[at + 1] & 0xFF) << 16 | (d[at + 2] & 0xFF) << 8 | d[at + 3] & 0xFF;
    }

    private static void answersOrRefuses(Runnable r) {
        Throwable t = catchThrowable(r::run);
        if (t != null) {
            assertThat(t).isInstanceOf(IllegalArgumentException.class);
            assertThat(t.getMessage()).isNotBlank();
        }
    }
}
