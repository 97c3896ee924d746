package org.sharpeyes.analytics.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.sharpeyes.analytics.face.FaceModel;

class WireProperties {
    @Property(tries = 500)
    void fieldsWrittenAreParsedBackTheSame(@ForAll("messages") List<Wire.Field> fields) {
        assertThat(Wire.parse(Wire.write(fields))).isEqualTo(fields);
    }

    /** Arbitrary bytes parse or are refused with a reason, never another exception; what parses writes back the same. */
    @Property(tries = 2000)
    void anyBytesParseToWhatTheyWereOrAreRefusedWithAReason(@ForAll @Size(max = 64) byte[] bytes) {
        List<Wire.Field> fields;
        try {
            fields = Wire.parse(bytes);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).containsAnyOf("byte", "field");
            return;
        }
        // a varint may have been written longer than it needs; its value survives a second round
        assertThat(Wire.parse(Wire.write(fields))).isEqualTo(fields);
    }

    /** A message cut inside its last field is refused, not read as a shorter message with a garbled last field. */
    @Property(tries = 300)
    void aMessageCutInsideItsLastFieldIsRefused(@ForAll("messages") List<Wire.Field> fields,
            @ForAll @IntRange(min = 1, max = 9) int cut) {
        List<Wire.Field> withTail = new ArrayList<>(fields);
        withTail.add(Wire.Field.bytes(3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8})); // tag, length, 8 bytes
        byte[] whole = Wire.write(withTail);
        byte[] truncated = Arrays.copyOf(whole, whole.length - cut);
        assertThatThrownBy(() -> Wire.parse(truncated)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byte");
    }

    @Test
    void theFaceModelFilesAreWrittenBackByteForByte() throws IOException {
        for (FaceModel.Variant v : FaceModel.Variant.values()) {
            byte[] file = Files.readAllBytes(FaceModel.defaultDirectory().resolve(v.file()));
            assertThat(Wire.write(Wire.parse(file))).as(v.name()).isEqualTo(file);
        }
    }

    @Provide
    Arbitrary<List<Wire.Field>> messages() {
        Arbitrary<Integer> numbers = Arbitraries.integers().between(1, (1 << 29) - 1);
        Arbitrary<Wire.Field> varints = Combinators.combine(numbers, Arbitraries.longs()).as(Wire.Field::varint);
        Arbitrary<Wire.Field> fixed = Combinators.combine(numbers, Arbitraries.of(Wire.FIXED32, Wire.FIXED64), Arbitraries.longs())
                .as((n, t, v) -> new Wire.Field(n, t, t == Wire.FIXED32 ? v & 0xffffffffL : v, null));
        Arbitrary<Wire.Field> bytes = Combinators.combine(numbers, Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(Wire.Field::bytes);
        return Arbitraries.oneOf(varints, fixed, bytes).list().ofMaxSize(12);
    }
}
