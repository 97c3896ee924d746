package org.sharpeyes.analytics.plate;

import java.util.List;

/**
 * Text read from one crop.
 *
 * @param charScores probability of each output character, in order (same length as the code points of text)
 */
public record Recognition(String text, List<Float> charScores) {
    public Recognition {
        charScores = List.copyOf(charScores);
    }

    /** Mean character probability; 0 for empty text. */
    public double score() {
        return charScores.stream().mapToDouble(Float::doubleValue).average().orElse(0);
    }

    public double minScore() {
        return charScores.stream().mapToDouble(Float::doubleValue).min().orElse(0);
    }
}
