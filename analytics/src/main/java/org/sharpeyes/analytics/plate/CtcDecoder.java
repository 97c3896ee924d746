package org.sharpeyes.analytics.plate;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy CTC decoding: the most likely class per time step, repeats collapsed, blanks (class 0)
 * dropped; a blank between two equal classes keeps both.
 *
 * <p>A plate prints Chinese glyphs only at its ends: a province or 使 first, a suffix last. Blur
 * spoils these dense glyphs before the letters and digits, and a reader of 6,600 characters then
 * names some other one (营 for 使, 第 for 京, 课 for 澳). A Han glyph decoded first or last that no
 * plate has there is re-picked as the likeliest of those a plate allows, at the steps where it was
 * read, and scores that one's probability; whether so unsure a glyph is kept is the reader's call.
 */
final class CtcDecoder {
    private final List<String> alphabet;
    /** Classes a plate allows first (provinces and 使) and last (suffixes); those the alphabet lacks are left out. */
    private final int[] leads;
    private final int[] tails;

    /** @param alphabet class index to text; index 0 is the blank */
    CtcDecoder(List<String> alphabet) {
        this.alphabet = List.copyOf(alphabet);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 1; c < alphabet.size(); c++) {
            index.putIfAbsent(alphabet.get(c), c);
        }
        this.leads = classes(index, PlateFormat.PROVINCES + PlateFormat.EMBASSY);
        this.tails = classes(index, PlateFormat.SUFFIXES);
    }

    /**
     * @param probs  softmax output, row-major [steps][classes] starting at offset (absolute, up to the limit)
     * @param offset index of step 0 class 0 in probs
     */
    Recognition decode(FloatBuffer probs, int offset, int steps) {
        int classes = alphabet.size();
        if (offset < 0 || (long) offset + (long) steps * classes > probs.limit()) {
            throw new IllegalArgumentException("probs holds " + probs.limit() + " values, need " + steps + " steps of "
                    + classes + " classes from offset " + offset);
        }
        StringBuilder text = new StringBuilder();
        List<Float> scores = new ArrayList<>();
        int previous = 0;
        // the first and the last glyph: class and the steps it was read at
        int emitted = 0;
        int firstClass = 0;
        int firstFrom = 0;
        int firstTo = 0;
        int lastClass = 0;
        int lastFrom = 0;
        int lastTo = 0;
        for (int t = 0; t < steps; t++) {
            int base = offset + t * classes;
            int best = 0;
            float bestProb = probs.get(base);
            for (int c = 1; c < classes; c++) {
                float p = probs.get(base + c);
                if (p > bestProb) {
                    best = c;
                    bestProb = p;
                }
            }
            if (best != 0 && best != previous) {
                String s = alphabet.get(best);
                text.append(s);
                for (int i = 0; i < s.codePointCount(0, s.length()); i++) {
                    scores.add(bestProb);
                }
                if (emitted++ == 0) {
                    firstClass = best;
                    firstFrom = t;
                }
                lastClass = best;
                lastFrom = t;
            }
            if (best != 0) {
                lastTo = t;
                if (emitted == 1) {
                    firstTo = t;
                }
            }
            previous = best;
        }
        if (emitted > 1) { // the last first: re-picking the first glyph moves no index after it
            repick(text, scores, text.length() - alphabet.get(lastClass).length(), scores.size() - 1, lastClass,
                    probs, offset, lastFrom, lastTo, tails);
        }
        if (emitted > 0) {
            repick(text, scores, 0, 0, firstClass, probs, offset, firstFrom, firstTo, leads);
        }
        return new Recognition(text.toString(), scores);
    }

    /**
     * Replaces the glyph of class {@code read} at {@code at} (char index; {@code score} its index in
     * scores) by the likeliest of {@code allowed} at steps {@code from..to}, if it is a single Han
     * glyph not among them.
     */
    private void repick(StringBuilder text, List<Float> scores, int at, int score, int read, FloatBuffer probs,
                        int offset, int from, int to, int[] allowed) {
        String glyph = alphabet.get(read);
        if (glyph.codePointCount(0, glyph.length()) != 1 || !chinese(glyph.codePointAt(0)) || contains(allowed, read)) {
            return;
        }
        int classes = alphabet.size();
        int best = 0;
        float bestProb = 0;
        for (int c : allowed) {
            for (int t = from; t <= to; t++) {
                float p = probs.get(offset + t * classes + c);
                if (p > bestProb) {
                    best = c;
                    bestProb = p;
                }
            }
        }
        if (best != 0) {
            text.replace(at, at + glyph.length(), alphabet.get(best));
            scores.set(score, bestProb);
        }
    }

    /** Whether a code point is a Chinese glyph (a plate's province, 使 or suffix, or any other Han character). */
    static boolean chinese(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static boolean contains(int[] classes, int c) {
        for (int k : classes) {
            if (k == c) {
                return true;
            }
        }
        return false;
    }

    private static int[] classes(Map<String, Integer> index, String glyphs) {
        return glyphs.codePoints().mapToObj(Character::toString).filter(index::containsKey).mapToInt(index::get).toArray();
    }
}
