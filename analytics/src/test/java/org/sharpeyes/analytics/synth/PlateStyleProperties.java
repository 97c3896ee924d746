package org.sharpeyes.analytics.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.sharpeyes.analytics.plate.PlateFormat;

class PlateStyleProperties {
    @Property(tries = 2000)
    void everyStyleDealsNumbersOfItsGa36Kind(@ForAll PlateStyle style, @ForAll long seed) {
        String number = style.number(new Random(seed));
        PlateFormat.Verdict verdict = PlateFormat.check(number);
        assertThat(verdict).as(number).isInstanceOf(PlateFormat.Valid.class);
        PlateFormat.Kind expected = switch (style) {
            case BLUE, YELLOW, YELLOW_TWO_LINE -> PlateFormat.Kind.ORDINARY;
            case NEW_ENERGY_SMALL -> PlateFormat.Kind.NEW_ENERGY_SMALL;
            case NEW_ENERGY_LARGE -> PlateFormat.Kind.NEW_ENERGY_LARGE;
            case EMBASSY -> PlateFormat.Kind.EMBASSY;
            default -> PlateFormat.Kind.SUFFIXED;
        };
        assertThat(((PlateFormat.Valid) verdict).kind()).as(number).isEqualTo(expected);
    }
}
