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
     * The literal start of a PREFIX pattern, or of a WILDCARD pattern before its first wildcard; empty
     * for the rest (EXACT, FUZZY on another column, and a WILDCARD without any, which is exact).
     */
    String literalPrefix() {
        String k = key();
        if (mode == Mode.PREFIX) {
            return k;
        }
        int star = k.indexOf('*');
        int any = k.indexOf('?');
        int end = star < 0 ? any : any < 0 ? star : Math.min(star, any);
        return mode == Mode.WILDCARD && end >= 0 ? k.substring(0, end) : "";
    }

    /**
     * The least string above every string that starts with {@code prefix}, in code point order (which
     * is the byte order of UTF-8, so of PostgreSQL's {@code text_pattern_ops}): its last code point plus
     * one, stepping over the surrogates, which UTF-8 cannot carry.
     */
    static String prefixUpperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
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
