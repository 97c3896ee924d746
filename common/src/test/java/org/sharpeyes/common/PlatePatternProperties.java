package org.sharpeyes.common;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** In-memory wildcard matching ({@link PlateText#matches}) against patterns cut from plates. */
class PlatePatternProperties {
    private static final String PROVINCES = "渝川京沪粤苏浙鲁豫鄂湘";
    private static final String ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    @Property
    void aPatternMadeFromAPlateMatchesIt(@ForAll("plates") String plate, @ForAll("masks") String mask) {
        assertThat(PlateText.matches(patternOf(plate, mask), plate)).isTrue();
    }

    /** Without stars every position is pinned, so a changed kept character cannot match elsewhere. */
    @Property
    void changingAKeptCharacterBreaksTheMatch(@ForAll("plates") String plate, @ForAll("starlessMasks") String mask,
                                             @ForAll @IntRange(min = 0, max = 7) int at) {
        int i = at % plate.length();
        String pattern = patternOf(plate, mask.substring(0, i) + 'k' + mask.substring(i + 1));
        char other = plate.charAt(i) == '7' ? '8' : '7';
        String changed = plate.substring(0, i) + other + plate.substring(i + 1);
        assertThat(PlateText.matches(pattern, changed)).isFalse();
    }

    @Property
    void aQuestionMarkIsExactlyOneCharacter(@ForAll("plates") String plate, @ForAll @IntRange(min = 0, max = 7) int at) {
        int i = at % plate.length();
        String pattern = plate.substring(0, i) + '?' + plate.substring(i + 1);
        assertThat(PlateText.matches(pattern, plate)).isTrue();
        assertThat(PlateText.matches(pattern, plate.substring(0, i) + plate.substring(i + 1))).isFalse();
        assertThat(PlateText.matches(pattern, plate + "X")).isFalse();
    }

    @Example
    void starsMatchAnyRunIncludingNone() {
        assertThat(PlateText.matches("渝A*12?", "渝A12X")).isTrue();
        assertThat(PlateText.matches("渝A*12?", "渝AB9912X")).isTrue();
        assertThat(PlateText.matches("渝A*12?", "渝AB9912")).isFalse();
        assertThat(PlateText.matches("*5", "渝A12345")).isTrue();
        assertThat(PlateText.matches("渝*", "川A12345")).isFalse();
        assertThat(PlateText.matches("*A*1*", "渝A12345")).isTrue();
        assertThat(PlateText.matches("渝A12345", "渝A123456")).isFalse();
    }

    @Example
    void patternsOfOnlyWildcardsOrTooLongAreRefused() {
        assertThat(PlateText.patternProblem("*?*")).isNotNull();
        assertThat(PlateText.patternProblem("")).isNotNull();
        assertThat(PlateText.patternProblem("A".repeat(PlateText.MAX_LENGTH + 1))).isNotNull();
        assertThat(PlateText.patternProblem("渝A*")).isNull();
    }

    /**
     * Applies a mask to a plate: per character 'k' keeps it, '?' replaces it, '*' replaces it and
     * the run of '*' after it with one star (so a star stands for one or more characters).
     */
    private static String patternOf(String plate, String mask) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < plate.length(); i++) {
            char m = mask.charAt(i);
            if (m == 'k') {
                out.append(plate.charAt(i));
            } else if (m == '?') {
                out.append('?');
            } else if (out.length() == 0 || out.charAt(out.length() - 1) != '*') {
                out.append('*');
            }
        }
        return out.toString();
    }

    @Provide
    Arbitrary<String> plates() {
        Arbitrary<Character> province = Arbitraries.of(PROVINCES.chars().mapToObj(c -> (char) c).toList());
        Arbitrary<String> rest = Arbitraries.strings().withChars(ALNUM.toCharArray()).ofMinLength(6).ofMaxLength(7);
        return Combinators.combine(province, rest).as((p, r) -> p + r);
    }

    @Provide
    Arbitrary<String> masks() {
        return Arbitraries.strings().withChars('k', 'k', 'k', '?', '*').ofLength(8);
    }

    @Provide
    Arbitrary<String> starlessMasks() {
        return Arbitraries.strings().withChars('k', 'k', '?').ofLength(8);
    }
}
