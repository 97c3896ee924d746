package org.sharpeyes.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class NalUnitsTest {
    record Nal(int type, byte[] body, boolean longStartCode) {
    }

    @Test
    void dropsRepeatedParameterSetsBeforeASecondSlice() {
        byte[] in = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 0, 1, 0x68, 3, 0, 0, 1, 0x65, 9, 9};
        assertThat(NalUnits.continuation(in, false)).containsExactly(0, 0, 1, 0x65, 9, 9);
    }

    @Test
    void leavesDataWithoutStartCodesAlone() {
        byte[] in = {5, 6, 7};
        assertThat(NalUnits.continuation(in, false)).isSameAs(in);
    }

    @Provide
    Arbitrary<List<Nal>> nals() {
        // bodies without zero bytes: no emulated start codes inside a NAL, as emulation prevention guarantees
        Arbitrary<byte[]> body = Arbitraries.bytes().between((byte) 1, (byte) 127).array(byte[].class).ofMaxSize(12);
        return Combinators.combine(Arbitraries.integers().between(0, 63), body, Arbitraries.of(true, false)).as(Nal::new)
                .list().ofMaxSize(8);
    }

    @Property
    void keepsExactlyTheNonAccessUnitStartingNalsInOrder(@ForAll("nals") List<Nal> nals, @ForAll boolean hevc) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Nal n : nals) {
            // H.265 headers are two bytes, the second (temporal id + 1) never zero
            byte[] header = hevc ? new byte[] {(byte) ((n.type() << 1) & 0x7E), 1} : new byte[] {(byte) (0x60 | (n.type() & 0x1F))};
            byte[] unit = concat(n.longStartCode() ? new byte[] {0, 0, 0, 1} : new byte[] {0, 0, 1}, header, n.body());
            in.writeBytes(unit);
            int type = hevc ? n.type() : n.type() & 0x1F;
            boolean startsAu = hevc ? type >= 32 && type <= 35 || type == 39 : type >= 6 && type <= 9;
            if (!startsAu) {
                expected.writeBytes(unit);
            }
        }
        byte[] out = NalUnits.continuation(in.toByteArray(), hevc);
        assertThat(out).containsExactly(nals.isEmpty() ? in.toByteArray() : expected.toByteArray());
    }

    @Property
    void annexBSplitsBackIntoItsNalUnits(@ForAll("bodies") List<byte[]> nals, @ForAll boolean longStartCodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            out.writeBytes(longStartCodes ? new byte[] {0, 0, 0, 1} : new byte[] {0, 0, 1});
            out.writeBytes(n);
        }
        List<byte[]> back = NalUnits.split(out.toByteArray()).stream().map(NalUnits.Nal::copy).toList();
        assertThat(back).usingElementComparator(Arrays::compare).containsExactlyElementsOf(nals);
    }

    /** NAL units as a camera sends them: no 00 00 0x inside (emulation prevention), not ending in 00. */
    @Provide
    Arbitrary<List<byte[]>> bodies() {
        return Arbitraries.bytes().filter(b -> b != 0).array(byte[].class).ofMinSize(1).ofMaxSize(30).list().ofMaxSize(6);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
