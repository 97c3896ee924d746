package org.sharpeyes.common;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PlateTextTest {

    @Test
    void normaliseDropsSeparatorsAndFoldsWidthAndCase() {
        assertThat(PlateText.normalise("渝A·12345")).isEqualTo("渝A12345");
        assertThat(PlateText.normalise(" 京ａ-ｂ1 23 ")).isEqualTo("京AB123");
        assertThat(PlateText.normalise("粤b.d1234警")).isEqualTo("粤BD1234警");
    }

    @Test
    void normaliseMapsLettersNeverIssuedToDigits() {
        assertThat(PlateText.normalise("沪AO1I23")).isEqualTo("沪A01123");
    }

    @Test
    void fuzzyKeyFoldsOcrConfusions() {
        assertThat(PlateText.fuzzy("渝A0B2S1")).isEqualTo(PlateText.fuzzy("渝AD8Z5I"));
        assertThat(PlateText.fuzzy("渝AQ8Z51")).isEqualTo(PlateText.fuzzy("渝A0B2S1"));
        assertThat(PlateText.fuzzy("渝A12345")).isNotEqualTo(PlateText.fuzzy("渝A12346"));
    }

    @Test
    void patternsKeepWildcardsAndCollapseStars() {
        assertThat(PlateText.normalisePattern("渝A**12?")).isEqualTo("渝A*12?");
        assertThat(PlateText.toLike("渝A*12?")).isEqualTo("渝A%12_");
        assertThat(PlateText.normalise("渝A*12?")).isEqualTo("渝A12");
    }

    @Property
    void normaliseIsIdempotent(@ForAll("plateish") String text) {
        String once = PlateText.normalise(text);
        assertThat(PlateText.normalise(once)).isEqualTo(once);
    }

    @Property
    void normalisedTextHasOnlyLettersAndDigits(@ForAll("plateish") String text) {
        assertThat(PlateText.normalise(text).codePoints().allMatch(Character::isLetterOrDigit)).isTrue();
        assertThat(PlateText.normalise(text)).doesNotContain("O", "I", "%", "_");
    }

    @Property
    void fuzzyKeyIsCoarserThanNormalForm(@ForAll("plateish") String a, @ForAll("plateish") String b) {
        // Stored plates are normalised first; wildcards only ever appear in patterns.
        String na = PlateText.normalise(a);
        String nb = PlateText.normalise(b);
        if (na.equals(nb)) {
            assertThat(PlateText.fuzzy(na)).isEqualTo(PlateText.fuzzy(nb));
        }
        assertThat(PlateText.fuzzy(na)).isEqualTo(PlateText.fuzzy(a.replace("*", "").replace("?", "")));
        assertThat(PlateText.fuzzy(PlateText.fuzzy(a))).isEqualTo(PlateText.fuzzy(a));
    }

    @Property
    void likePatternNeverContainsUnescapedUserMetacharacters(@ForAll("plateish") String text) {
        String like = PlateText.toLike(PlateText.normalisePattern(text));
        assertThat(like).doesNotContain("\\", "'");
    }

    @Provide
    Arbitrary<String> plateish() {
        return Arbitraries.strings()
                .withChars("渝京粤沪警学挂港澳ABCDEFGHIJKLMNOPQRSTUVWXYZabcdoiq0123456789·-. *?%_'\\ａＢ１")
                .ofMaxLength(12);
    }
}
