package org.sharpeyes.analytics.plate;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding: the most likely class per time step, repeats collapsed, blanks (class 0)
 * dropped; a blank between two equal classes keeps both.
 */
final class CtcDecoder {
    private final List<String> alphabet;

    /** @param alphabet class index to text; index 0 is the blank */
    CtcDecoder(List<String> alphabet) {
        this.alphabet = List.copyOf(alphabet);
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
            }
            previous = best;
        }
        return new Recognition(text.toString(), scores);
    }
}
