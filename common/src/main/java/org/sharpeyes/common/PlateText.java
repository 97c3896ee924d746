package org.sharpeyes.common;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Plate text forms used for storage and search.
 *
 * <ul>
 *   <li>normalised: NFKC (full-width to ASCII), upper case, separators dropped, and the letters
 *       GA 36 never issues mapped to the digits they are read for (O→0, I→1);</li>
 *   <li>fuzzy key: the normalised text with each class of OCR confusions folded to one character
 *       (0/D/Q, 8/B, 1/I, 2/Z, 5/S), so plates that differ only by such confusions share a key;</li>
 *   <li>patterns: the same forms with {@code *} (any run) and {@code ?} (one character) kept.</li>
 * </ul>
 */
public final class PlateText {
    /** Longest plate or pattern accepted, after normalisation. */
    public static final int MAX_LENGTH = 16;

    private PlateText() {
    }

    public static String normalise(String text) {
        return fold(text, false, false);
    }

    public static String normalisePattern(String pattern) {
        return fold(pattern, true, false);
    }

    /** Fuzzy key of a plate or a pattern (wildcards are kept). */
    public static String fuzzy(String textOrPattern) {
        return fold(textOrPattern, true, true);
    }

    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /**
     * Why a normalised pattern cannot be used (too long, or nothing but wildcards, which would
     * match every plate), or null when it can.
     */
    public static String patternProblem(String normalisedPattern) {
        if (normalisedPattern == null || normalisedPattern.replace("*", "").replace("?", "").isEmpty()) {
            return "needs at least one letter or digit";
        }
        if (normalisedPattern.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        return null;
    }

    /**
     * Whether normalised text matches a normalised pattern as a whole: {@code ?} is one
     * character, {@code *} any run (also empty), everything else itself; the same semantics as
     * the SQL LIKE form of {@link #toLike}, for matching in memory.
     */
    public static boolean matches(String normalisedPattern, String normalisedText) {
        int[] p = normalisedPattern.codePoints().toArray();
        int[] t = normalisedText.codePoints().toArray();
        // Greedy scan with backtracking to the last star: linear for patterns with one star,
        // O(p·t) at worst, and both are at most a few dozen code points.
        int pi = 0;
        int ti = 0;
        int star = -1;
        int starText = 0;
        while (ti < t.length) {
            if (pi < p.length && (p[pi] == '?' || p[pi] == t[ti])) {
                pi++;
                ti++;
            } else if (pi < p.length && p[pi] == '*') {
                star = pi++;
                starText = ti;
            } else if (star >= 0) {
                pi = star + 1;
                ti = ++starText;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }

    /** SQL LIKE pattern of a normalised pattern; normalised text has no LIKE metacharacters. */
    public static String toLike(String normalisedPattern) {
        return normalisedPattern.replace('*', '%').replace('?', '_');
    }

    private static String fold(String text, boolean keepWildcards, boolean fuzzy) {
        if (text == null) {
            return null;
        }
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().forEach(cp -> {
            if (keepWildcards && (cp == '*' || cp == '?')) {
                if (!(cp == '*' && out.length() > 0 && out.charAt(out.length() - 1) == '*')) {
                    out.append((char) cp);
                }
            } else if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(fuzzy ? confusionClass(cp) : issued(cp));
            }
        });
        return out.toString();
    }

    private static int issued(int cp) {
        return switch (cp) {
            case 'O' -> '0';
            case 'I' -> '1';
            default -> cp;
        };
    }

    private static int confusionClass(int cp) {
        return switch (cp) {
            case 'O', 'D', 'Q' -> '0';
            case 'B' -> '8';
            case 'I' -> '1';
            case 'Z' -> '2';
            case 'S' -> '5';
            default -> cp;
        };
    }
}
