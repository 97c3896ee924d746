package org.sharpeyes.analytics.plate;

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

    /** A text that is no plate; why is worked out when asked (a debug log asks, and a read rejects many texts). */
    public record Invalid(String text) implements Verdict {
        public String reason() {
            return PlateFormat.reason(text);
        }
    }

    /** Which end of a plate a text lacks, when it is a plate but for one character there. */
    enum Missing {
        /** Not a plate short of one character at either end. */
        NONE,
        /** Province, letter and 4-character serial: a suffix (警 学 挂 港 澳 领) is missing. */
        LAST,
        /** Six digits: an embassy plate's 使 is missing. */
        FIRST
    }

    /*
     * The formats, one class per character (checked char by char: a regex matcher costs more heap
     * than the rest of a read): P a province, L a serial letter (A-Z but I and O), A a letter or
     * digit, 9 a digit, E D or F (new energy), S a suffix, 使 itself.
     */
    private static final String ORDINARY = "PLAAAAA";
    private static final String NEW_ENERGY_SMALL = "PLEA9999";
    private static final String NEW_ENERGY_LARGE = "PL99999E";
    private static final String SUFFIXED = "PLAAAAS";
    private static final String EMBASSY_PLATE = EMBASSY + "999999";
    private static final String SUFFIXED_BUT_SUFFIX = SUFFIXED.substring(0, SUFFIXED.length() - 1);
    private static final String EMBASSY_BUT_PREFIX = EMBASSY_PLATE.substring(1);

    private PlateFormat() {
    }

    public static Verdict check(String normalised) {
        if (normalised == null || normalised.isEmpty()) {
            return new Invalid("");
        }
        if (fits(normalised, EMBASSY_PLATE)) {
            return new Valid(normalised, Kind.EMBASSY);
        }
        if (fits(normalised, ORDINARY)) {
            return new Valid(normalised, Kind.ORDINARY);
        }
        if (fits(normalised, NEW_ENERGY_SMALL)) {
            return new Valid(normalised, Kind.NEW_ENERGY_SMALL);
        }
        if (fits(normalised, NEW_ENERGY_LARGE)) {
            return new Valid(normalised, Kind.NEW_ENERGY_LARGE);
        }
        if (fits(normalised, SUFFIXED)) {
            return new Valid(normalised, Kind.SUFFIXED);
        }
        return new Invalid(normalised);
    }

    /**
     * Which end of a normalised text lacks a character for it to be a plate: the end after province,
     * letter and a 4-character serial (a suffixed plate, or an ordinary one short of its last), the
     * start of six digits (an embassy plate).
     */
    static Missing missing(String normalised) {
        return fits(normalised, SUFFIXED_BUT_SUFFIX) ? Missing.LAST
                : fits(normalised, EMBASSY_BUT_PREFIX) ? Missing.FIRST : Missing.NONE;
    }

    /** Whether {@code plate} is {@code text} with the character it lacked: a suffix at its end, 使 at its start. */
    static boolean completes(String text, String plate, Missing missing) {
        return switch (missing) {
            case LAST -> plate.length() == text.length() + 1 && plate.startsWith(text)
                    && SUFFIXES.indexOf(plate.charAt(text.length())) >= 0;
            case FIRST -> plate.equals(EMBASSY + text);
            case NONE -> false;
        };
    }

    /** Whether {@code s} has the format's length and each character its class (no class takes half a surrogate pair). */
    private static boolean fits(String s, String format) {
        if (s.length() != format.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = switch (format.charAt(i)) {
                case 'P' -> PROVINCES.indexOf(c) >= 0;
                case 'L' -> letter(c);
                case 'A' -> letter(c) || digit(c);
                case '9' -> digit(c);
                case 'E' -> c == 'D' || c == 'F';
                case 'S' -> SUFFIXES.indexOf(c) >= 0;
                default -> c == format.charAt(i);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z' && c != 'I' && c != 'O';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String reason(String s) {
        if (s.isEmpty()) {
            return "empty";
        }
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
        if (s.length() < 2 || !letter(s.charAt(1))) {
            return "second character must be an issuing-authority letter";
        }
        return length == 8 ? "8 characters but no new-energy serial (D/F first with 4 digits last, or 5 digits then D/F)"
                : "serial must be 5 letters or digits, or 4 and one of " + SUFFIXES;
    }
}
