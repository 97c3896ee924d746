package org.sharpeyes.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.sharpeyes.common.PlateText;

class PlateFormatProperties {
    private static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String ALNUM = LETTERS + "0123456789";

    @Property
    void everyGeneratedPlateIsAcceptedAsItsKind(@ForAll("plates") Generated plate) {
        assertThat(PlateFormat.check(plate.text())).isEqualTo(new PlateFormat.Valid(plate.text(), plate.kind()));
    }

    @Property
    void anIOrOAnywhereAfterTheProvinceIsRejected(@ForAll("plates") Generated plate,
                                                 @ForAll @IntRange(min = 1, max = 7) int at,
                                                 @ForAll("iOrO") char bad) {
        int i = Math.min(at, plate.text().length() - 1);
        String text = plate.text().substring(0, i) + bad + plate.text().substring(i + 1);
        assertThat(PlateFormat.check(text)).isInstanceOf(PlateFormat.Invalid.class);
    }

    /** Plates have 7 or 8 characters; cut to 1–6 or grown to 9–12 nothing passes. */
    @Property
    void anyOtherLengthIsRejected(@ForAll("plates") Generated plate, @ForAll @IntRange(min = 1, max = 12) int length,
                                  @ForAll("alnum") char filler) {
        if (length == 7 || length == 8) {
            return;
        }
        String text = length < plate.text().length() ? plate.text().substring(0, length)
                : plate.text() + String.valueOf(filler).repeat(length - plate.text().length());
        assertThat(PlateFormat.check(text)).isInstanceOf(PlateFormat.Invalid.class);
    }

    /**
     * Seven-character plates short of their last character (a suffix, or an ordinary serial's last)
     * lack it at the end, an embassy plate without 使 at the start; whole plates lack nothing.
     */
    @Property
    void aPlateShortOfItsSuffixOrEmbassyPrefixIsKnownByWhichEnd(@ForAll("plates") Generated plate) {
        String text = plate.text();
        assertThat(PlateFormat.missing(text)).isEqualTo(PlateFormat.Missing.NONE);
        PlateFormat.Missing withoutLast = PlateFormat.missing(text.substring(0, text.length() - 1));
        PlateFormat.Missing withoutFirst = PlateFormat.missing(text.substring(1));
        assertThat(withoutLast).isEqualTo(plate.kind() == PlateFormat.Kind.SUFFIXED || plate.kind() == PlateFormat.Kind.ORDINARY
                ? PlateFormat.Missing.LAST : PlateFormat.Missing.NONE);
        assertThat(withoutFirst).isEqualTo(plate.kind() == PlateFormat.Kind.EMBASSY ? PlateFormat.Missing.FIRST
                : PlateFormat.Missing.NONE);
    }

    @Property
    void aSecondReadCompletesAPlateOnlyWithTheCharacterItLacked(@ForAll("plates") Generated plate, @ForAll("alnum") char other) {
        String text = plate.text();
        String withoutLast = text.substring(0, text.length() - 1);
        String withoutFirst = text.substring(1);
        assertThat(PlateFormat.completes(withoutLast, text, PlateFormat.Missing.LAST))
                .isEqualTo(plate.kind() == PlateFormat.Kind.SUFFIXED);
        assertThat(PlateFormat.completes(withoutFirst, text, PlateFormat.Missing.FIRST))
                .isEqualTo(plate.kind() == PlateFormat.Kind.EMBASSY);
        assertThat(PlateFormat.completes(withoutLast, withoutLast + other, PlateFormat.Missing.LAST))
                .as("a letter or digit read past the end is no lost suffix").isFalse();
        assertThat(PlateFormat.completes(text, text, PlateFormat.Missing.NONE)).isFalse();
    }

    @Example
    void readsAreNormalisedBeforeTheCheckSoSeparatorsAndConfusedOAreForgiven() {
        assertThat(PlateFormat.check(PlateText.normalise("渝A·1234O"))).isEqualTo(
                new PlateFormat.Valid("渝A12340", PlateFormat.Kind.ORDINARY));
        assertThat(PlateFormat.check("重庆火锅")).isEqualTo(new PlateFormat.Invalid("重庆火锅"));
        assertThat(new PlateFormat.Invalid("重庆火锅").reason()).isEqualTo("first character '重' is no province abbreviation");
        assertThat(PlateFormat.check("")).isInstanceOfSatisfying(PlateFormat.Invalid.class, i -> assertThat(i.reason()).isEqualTo("empty"));
        assertThat(PlateFormat.check("粤B12345D6")).isInstanceOf(PlateFormat.Invalid.class);
        assertThat(PlateFormat.check("粤BA12345")).as("8 characters need D or F").isInstanceOf(PlateFormat.Invalid.class);
        assertThat(PlateFormat.check("使014578")).isEqualTo(new PlateFormat.Valid("使014578", PlateFormat.Kind.EMBASSY));
    }

    record Generated(String text, PlateFormat.Kind kind) {
    }

    @Provide
    Arbitrary<Generated> plates() {
        Arbitrary<String> head = Combinators.combine(chars(PlateFormat.PROVINCES), chars(LETTERS))
                .as((p, l) -> "" + p + l);
        Arbitrary<Generated> ordinary = Combinators.combine(head, strings(ALNUM, 5))
                .as((h, s) -> new Generated(h + s, PlateFormat.Kind.ORDINARY));
        Arbitrary<Generated> small = Combinators.combine(head, chars("DF"), chars(ALNUM), strings("0123456789", 4))
                .as((h, d, c, s) -> new Generated(h + d + c + s, PlateFormat.Kind.NEW_ENERGY_SMALL));
        Arbitrary<Generated> large = Combinators.combine(head, strings("0123456789", 5), chars("DF"))
                .as((h, s, d) -> new Generated(h + s + d, PlateFormat.Kind.NEW_ENERGY_LARGE));
        Arbitrary<Generated> suffixed = Combinators.combine(head, strings(ALNUM, 4), chars(PlateFormat.SUFFIXES))
                .as((h, s, x) -> new Generated(h + s + x, PlateFormat.Kind.SUFFIXED));
        return Arbitraries.oneOf(ordinary, small, large, suffixed);
    }

    @Provide
    Arbitrary<Character> iOrO() {
        return chars("IO");
    }

    @Provide
    Arbitrary<Character> alnum() {
        return chars(ALNUM);
    }

    private static Arbitrary<Character> chars(String from) {
        return Arbitraries.of(from.chars().mapToObj(c -> (char) c).toArray(Character[]::new));
    }

    private static Arbitrary<String> strings(String from, int length) {
        return Arbitraries.strings().withChars(from.toCharArray()).ofLength(length);
    }
}
