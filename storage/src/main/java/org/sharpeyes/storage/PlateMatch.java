package org.sharpeyes.storage;

import org.sharpeyes.common.PlateText;

/**
 * How a plate search matches. EXACT and PREFIX compare normalised text; WILDCARD takes {@code *}
 * (any run) and {@code ?} (one character); FUZZY also folds OCR confusions (0/D/Q, 8/B, 1/I,
 * 2/Z, 5/S) and may hold wildcards.
 */
public record PlateMatch(Mode mode, String text) {
    public enum Mode { EXACT, PREFIX, WILDCARD, FUZZY }

    public PlateMatch {
        if (mode == null) {
            throw new QueryException("plateMode", "required with a plate");
        }
        String norm = text == null ? "" : PlateText.normalisePattern(text);
        String problem = PlateText.patternProblem(norm);
        if (problem != null) {
            throw new QueryException("plate", problem + ", got '" + text + "'");
        }
        if ((mode == Mode.EXACT || mode == Mode.PREFIX) && PlateText.hasWildcard(norm)) {
            throw new QueryException("plate", "* and ? are only allowed in WILDCARD and FUZZY searches");
        }
    }

    public static PlateMatch exact(String text) {
        return new PlateMatch(Mode.EXACT, text);
    }

    public static PlateMatch wildcard(String text) {
        return new PlateMatch(Mode.WILDCARD, text);
    }

    public static PlateMatch fuzzy(String text) {
        return new PlateMatch(Mode.FUZZY, text);
    }

    public static PlateMatch prefix(String text) {
        return new PlateMatch(Mode.PREFIX, text);
    }

    /** The normalised form to compare: text, or fuzzy key for FUZZY. */
    String key() {
        return mode == Mode.FUZZY ? PlateText.fuzzy(text) : PlateText.normalisePattern(text);
    }

    /**
     * The literal start of a PREFIX or WILDCARD pattern, before its first wildcard; empty when it has
     * none (and for EXACT and FUZZY, whose keys are compared whole or on another column).
     */
    String literalPrefix() {
        if (mode != Mode.PREFIX && mode != Mode.WILDCARD) {
            return "";
        }
        String k = key();
        int end = k.length();
        for (int i = 0; i < k.length(); i++) {
            if (k.charAt(i) == '*' || k.charAt(i) == '?') {
                end = i;
                break;
            }
        }
        return k.substring(0, end);
    }

    /**
     * The least string above every string that starts with {@code prefix}, in code point order (which
     * is the byte order of UTF-8, so of PostgreSQL's {@code text_pattern_ops}): its last code point plus one.
     */
    static String prefixUpperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(last + 1);
    }

    /** LIKE pattern for the non-exact modes, or null when equality suffices. */
    String like() {
        return switch (mode) {
            case EXACT -> null;
            case PREFIX -> key() + "%";
            case WILDCARD, FUZZY -> PlateText.hasWildcard(key()) ? PlateText.toLike(key()) : null;
        };
    }
}
