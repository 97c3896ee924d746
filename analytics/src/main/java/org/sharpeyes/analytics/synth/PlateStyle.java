package org.sharpeyes.analytics.synth;

import java.util.Locale;
import java.util.Random;
import org.sharpeyes.analytics.plate.PlateFormat;
import org.sharpeyes.common.PlateColor;

/**
 * The GA 36 plates the generator draws, with the colour the reader should report and a number
 * generator whose output always passes {@link PlateFormat#check}.
 */
public enum PlateStyle {
    /** Small cars: white on blue. */
    BLUE(PlateColor.BLUE, false),
    /** Large vehicles' front plate: black on yellow. */
    YELLOW(PlateColor.YELLOW, false),
    /** Large vehicles' rear plate, 440×220 mm: province and letter above the serial. */
    YELLOW_TWO_LINE(PlateColor.YELLOW, true),
    /** Small new-energy cars, 480×140 mm, white-to-green gradient: D or F opens the 6-character serial. */
    NEW_ENERGY_SMALL(PlateColor.GREEN, false),
    /**
     * Large new-energy vehicles, 480×140 mm, yellow and green halves; the reader's colours have no
     * split, and green (new energy) covers most of it.
     */
    NEW_ENERGY_LARGE(PlateColor.GREEN, false),
    /** Police: black on white with a red 警. */
    POLICE(PlateColor.WHITE, false),
    /** Driving-school cars: black on yellow, 学 last. */
    COACH(PlateColor.YELLOW, false),
    /** Trailers: yellow two-line plate, 挂 last. */
    TRAILER(PlateColor.YELLOW, true),
    /** Hong Kong cross-boundary cars: white on black, 粤Z and 港 last. */
    HONG_KONG(PlateColor.BLACK, false),
    /** Macau cross-boundary cars: white on black, 粤Z and 澳 last. */
    MACAU(PlateColor.BLACK, false),
    /** Consulates: white on black, a red 领 last. */
    CONSULATE(PlateColor.BLACK, false),
    /** Embassies: white on black, a red 使 first and six digits. */
    EMBASSY(PlateColor.BLACK, false);

    static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";
    private static final String ALNUM = LETTERS + DIGITS;

    private final PlateColor color;
    private final boolean twoLine;

    PlateStyle(PlateColor color, boolean twoLine) {
        this.color = color;
        this.twoLine = twoLine;
    }

    public PlateColor color() {
        return color;
    }

    public boolean twoLine() {
        return twoLine;
    }

    /** Worn by buses and lorries rather than cars. */
    public boolean large() {
        return this == YELLOW || this == YELLOW_TWO_LINE || this == NEW_ENERGY_LARGE || this == TRAILER;
    }

    /** Lower-case name with dashes, as truth files write it. */
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A random valid number of this style, normalised (no separator). */
    public String number(Random rnd) {
        StringBuilder s = new StringBuilder();
        switch (this) {
            case EMBASSY -> {
                s.append(PlateFormat.EMBASSY);
                digits(s, 6, rnd);
                return s.toString();
            }
            case HONG_KONG, MACAU -> s.append("粤Z");
            default -> s.append(pick(PlateFormat.PROVINCES, rnd)).append(pick(LETTERS, rnd));
        }
        switch (this) {
            case BLUE, YELLOW, YELLOW_TWO_LINE -> {
                // mostly digits, a letter now and then, never last
                for (int i = 0; i < 5; i++) {
                    s.append(i < 4 && rnd.nextInt(4) == 0 ? pick(LETTERS, rnd) : pick(DIGITS, rnd));
                }
            }
            case NEW_ENERGY_SMALL -> {
                s.append(rnd.nextBoolean() ? 'D' : 'F').append(pick(ALNUM, rnd));
                digits(s, 4, rnd);
            }
            case NEW_ENERGY_LARGE -> {
                digits(s, 5, rnd);
                s.append(rnd.nextBoolean() ? 'D' : 'F');
            }
            case POLICE, COACH, CONSULATE -> {
                digits(s, 4, rnd);
                s.append(this == POLICE ? '警' : this == COACH ? '学' : '领');
            }
            case TRAILER, HONG_KONG, MACAU -> {
                for (int i = 0; i < 4; i++) {
                    s.append(i == 0 || rnd.nextInt(3) > 0 ? pick(DIGITS, rnd) : pick(LETTERS, rnd));
                }
                s.append(this == TRAILER ? '挂' : this == HONG_KONG ? '港' : '澳');
            }
            default -> throw new AssertionError(this);
        }
        return s.toString();
    }

    private static void digits(StringBuilder s, int n, Random rnd) {
        for (int i = 0; i < n; i++) {
            s.append(pick(DIGITS, rnd));
        }
    }

    private static char pick(String from, Random rnd) {
        return from.charAt(rnd.nextInt(from.length()));
    }
}
