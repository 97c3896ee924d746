package org.sharpeyes.analytics.plate;

import java.util.regex.Pattern;

/**
 * GA 36 plate number formats, checked on normalised text (upper case, no separator; see
 * {@link org.sharpeyes.common.PlateText#normalise}). Serial characters never include I or O.
 */
public final class PlateFormat {
    /** Province-level abbreviations that open a plate. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    /** Suffixes after a 4-character serial: police, driving school, trailer, Hong Kong, Macau, consulate. */
    public static final String SUFFIXES = "警学挂港澳领";
    /** Prefix of embassy plates, followed by 6 digits. */
    public static final char EMBASSY = '使';

    private static final String LETTER = "[A-HJ-NP-Z]";
    private static final String ALNUM = "[A-HJ-NP-Z0-9]";
    private static final String HEAD = "[" + PROVINCES + "]" + LETTER;

    /** Kind of plate number, as GA 36 distinguishes them. */
    public enum Kind {
        /** Blue, yellow or black plates: 5-character serial. */
        ORDINARY,
        /** Small new-energy vehicle (green gradient): D (electric) or F (other) first, then 1 alnum and 4 digits. */
        NEW_ENERGY_SMALL,
        /** Large new-energy vehicle (yellow-green): 5 digits, then D or F. */
        NEW_ENERGY_LARGE,
        /** 4-character serial and one of {@link #SUFFIXES}. */
        SUFFIXED,
        /** 使 and 6 digits. */
        EMBASSY
    }

    /** Outcome of a check: either a kind or the reason the text is no plate. */
    public sealed interface Verdict permits Valid, Invalid {
    }

    public record Valid(String plate, Kind kind) implements Verdict {
    }

    public record Invalid(String text, String reason) implements Verdict {
    }

    private static final Pattern ORDINARY = Pattern.compile(HEAD + ALNUM + "{5}");
    private static final Pattern NEW_ENERGY_SMALL = Pattern.compile(HEAD + "[DF]" + ALNUM + "[0-9]{4}");
    private static final Pattern NEW_ENERGY_LARGE = Pattern.compile(HEAD + "[0-9]{5}[DF]");
    private static final Pattern SUFFIXED = Pattern.compile(HEAD + ALNUM + "{4}[" + SUFFIXES + "]");
    private static final Pattern EMBASSY_PLATE = Pattern.compile(EMBASSY + "[0-9]{6}");

    private PlateFormat() {
    }

    public static Verdict check(String normalised) {
        if (normalised == null || normalised.isEmpty()) {
            return new Invalid(String.valueOf(normalised), "empty");
        }
        if (EMBASSY_PLATE.matcher(normalised).matches()) {
            return new Valid(normalised, Kind.EMBASSY);
        }
        if (ORDINARY.matcher(normalised).matches()) {
            return new Valid(normalised, Kind.ORDINARY);
        }
        if (NEW_ENERGY_SMALL.matcher(normalised).matches()) {
            return new Valid(normalised, Kind.NEW_ENERGY_SMALL);
        }
        if (NEW_ENERGY_LARGE.matcher(normalised).matches()) {
            return new Valid(normalised, Kind.NEW_ENERGY_LARGE);
        }
        if (SUFFIXED.matcher(normalised).matches()) {
            return new Valid(normalised, Kind.SUFFIXED);
        }
        return new Invalid(normalised, reason(normalised));
    }

    private static String reason(String s) {
        if (PROVINCES.indexOf(s.charAt(0)) < 0) {
            return "first character '" + s.charAt(0) + "' is no province abbreviation";
        }
        if (s.indexOf('I') >= 0 || s.indexOf('O') >= 0) {
            return "contains I or O, which GA 36 never issues";
        }
        int length = s.codePointCount(0, s.length());
        if (length < 7 || length > 8) {
            return "length " + length + ", plates have 7 or 8 characters";
        }
        if (s.length() < 2 || !s.substring(1, 2).matches(LETTER)) {
            return "second character must be an issuing-authority letter";
        }
        return length == 8 ? "8 characters but no new-energy serial (D/F first with 4 digits last, or 5 digits then D/F)"
                : "serial must be 5 letters or digits, or 4 and one of " + SUFFIXES;
    }
}
