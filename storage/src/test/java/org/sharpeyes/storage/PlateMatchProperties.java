package org.sharpeyes.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The prefix range handed to PostgreSQL must hold exactly the plates that start with the prefix. */
class PlateMatchProperties {
    private static final String ALPHABET = "渝川京沪粤云贵AB0189DZ警学挂港澳";

    @Provide
    Arbitrary<String> plateLike() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(1).ofMaxLength(9);
    }

    @Property
    void aStringIsInThePrefixRangeExactlyWhenItStartsWithThePrefix(@ForAll("plateLike") String prefix,
                                                                    @ForAll("plateLike") String text) {
        byte[] t = utf8(text);
        boolean inRange = Arrays.compareUnsigned(t, utf8(prefix)) >= 0
                && Arrays.compareUnsigned(t, utf8(PlateMatch.prefixUpperBound(prefix))) < 0;
        assertThat(inRange).isEqualTo(text.startsWith(prefix));
    }

    @Example
    void literalPrefixStopsAtTheFirstWildcardAndIsEmptyForModesComparedWhole() {
        assertThat(PlateMatch.wildcard("渝a*8?").literalPrefix()).isEqualTo("渝A");
        assertThat(PlateMatch.wildcard("*123?5").literalPrefix()).isEmpty();
        assertThat(PlateMatch.wildcard("渝A12345").literalPrefix()).as("no wildcard: compared whole").isEmpty();
        assertThat(PlateMatch.prefix("渝A1").literalPrefix()).isEqualTo("渝A1");
        assertThat(PlateMatch.fuzzy("渝A0B2S1").literalPrefix()).isEmpty();
        assertThat(PlateMatch.exact("渝A12345").literalPrefix()).isEmpty();
    }

    @Example
    void theUpperBoundStepsOverTheSurrogates() {
        assertThat(PlateMatch.prefixUpperBound("A\uD7FF")).isEqualTo("A\uE000");
        assertThat(PlateMatch.prefixUpperBound("渝A")).isEqualTo("渝B");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
