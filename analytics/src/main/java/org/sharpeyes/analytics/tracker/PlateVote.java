package org.sharpeyes.analytics.tracker;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharpeyes.common.PlateColor;

/**
 * The plate text and colour of one pass, voted across its frames: each read votes for its
 * whole text with its score as weight, so a single misread frame, even a confident one, loses
 * to the same text read in a few frames. The confidence is the winner's summed score over the
 * number of reads: its mean score times the share of reads that agree with it.
 */
final class PlateVote {
    /** Reads of the leading text, and the vote's confidence, after which reading more changes nothing worth the cost. */
    static final int SETTLED_READS = 3;
    static final float SETTLED_CONFIDENCE = 0.8f;

    private final Map<String, Double> texts = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<PlateColor, Double> colors = new EnumMap<>(PlateColor.class);
    private int reads;
    private String leader;

    void add(String text, PlateColor color, double score) {
        double weight = texts.merge(text, score, Double::sum);
        counts.merge(text, 1, Integer::sum);
        if (leader == null || weight > texts.get(leader)) {
            leader = text;
        }
        if (color != null) {
            colors.merge(color, score, Double::sum);
        }
        reads++;
    }

    /** The text with the most weight so far (the first to reach it on a tie), or null before any read. */
    String text() {
        return leader;
    }

    /**
     * Whether the text is settled: the leader read {@link #SETTLED_READS} times and the vote at
     * least {@link #SETTLED_CONFIDENCE} confident (so reads that disagree are rare and weak).
     */
    boolean settled() {
        return leader != null && counts.get(leader) >= SETTLED_READS && confidence() >= SETTLED_CONFIDENCE;
    }

    float confidence() {
        return leader == null ? 0f : (float) Math.min(1, texts.get(leader) / reads);
    }

    /** The colour with the most weight; UNKNOWN only when nothing else was read. */
    PlateColor color() {
        PlateColor best = PlateColor.UNKNOWN;
        double weight = 0;
        for (Map.Entry<PlateColor, Double> e : colors.entrySet()) {
            if (e.getKey() != PlateColor.UNKNOWN && e.getValue() > weight) {
                best = e.getKey();
                weight = e.getValue();
            }
        }
        return best;
    }

    /** Whether two plate texts differ by at most one inserted, deleted or replaced character. */
    static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        // After the first difference the rest must agree: shifted by one (insert) or not (replace).
        return shorter.length() == longer.length()
                ? shorter.regionMatches(i + 1, longer, i + 1, shorter.length() - i - 1)
                : shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
    }
}
