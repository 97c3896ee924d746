package org.sharpeyes.common;

import java.util.Locale;

/** Background colour of a Chinese licence plate (GA 36). */
public enum PlateColor {
    BLUE, YELLOW, GREEN, WHITE, BLACK, UNKNOWN;

    /** Lower-case name as it appears in JSON. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
