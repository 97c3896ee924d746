package org.sharpeyes.analytics.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.sharpeyes.common.PlateColor;

class PlateVoteProperties {
    private static final String ALNUM = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    @Property
    void oneReplacedInsertedOrDroppedCharacterIsWithinOneEdit(@ForAll("plates") String plate, @ForAll @IntRange(max = 7) int at) {
        int i = at % plate.length();
        char other = plate.charAt(i) == '7' ? '8' : '7';
        String replaced = plate.substring(0, i) + other + plate.substring(i + 1);
        String inserted = plate.substring(0, i) + other + plate.substring(i);
        String dropped = plate.substring(0, i) + plate.substring(i + 1);
        for (String near : new String[] {plate, replaced, inserted, dropped}) {
            assertThat(PlateVote.withinOneEdit(plate, near)).as(near).isTrue();
            assertThat(PlateVote.withinOneEdit(near, plate)).as(near).isTrue();
        }
    }

    @Property
    void twoReplacedCharactersAreNot(@ForAll("plates") String plate, @ForAll @IntRange(max = 6) int at) {
        int i = at % (plate.length() - 1);
        StringBuilder far = new StringBuilder(plate);
        far.setCharAt(i, plate.charAt(i) == '7' ? '8' : '7');
        far.setCharAt(i + 1, plate.charAt(i + 1) == '7' ? '8' : '7');
        assertThat(PlateVote.withinOneEdit(plate, far.toString())).isFalse();
        assertThat(PlateVote.withinOneEdit(plate, plate + "XY")).isFalse();
    }

    @Example
    void aHeavierTextWinsAndConfidenceIsItsShareOfTheReads() {
        PlateVote vote = new PlateVote();
        vote.add("渝A12346", PlateColor.YELLOW, 0.99);
        vote.add("渝A12345", PlateColor.BLUE, 0.6);
        assertThat(vote.text()).isEqualTo("渝A12346");
        vote.add("渝A12345", PlateColor.BLUE, 0.6);
        vote.add("渝A12345", PlateColor.UNKNOWN, 0.6);
        assertThat(vote.text()).isEqualTo("渝A12345");
        assertThat(vote.confidence()).isEqualTo((float) (1.8 / 4));
        assertThat(vote.color()).isEqualTo(PlateColor.BLUE);
    }

    @Example
    void unknownColourOnlyWhenNothingElseWasRead() {
        PlateVote vote = new PlateVote();
        vote.add("渝A12345", PlateColor.UNKNOWN, 0.9);
        assertThat(vote.color()).isEqualTo(PlateColor.UNKNOWN);
    }

    @Provide
    Arbitrary<String> plates() {
        return Arbitraries.strings().withChars(ALNUM.toCharArray()).ofLength(6).map(s -> "渝" + s);
    }
}
