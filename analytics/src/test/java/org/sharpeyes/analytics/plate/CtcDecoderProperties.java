package org.sharpeyes.analytics.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CtcDecoderProperties {
    /** Blank, then a small alphabet; the last class is a two-code-unit string like some dictionary lines. */
    private static final List<String> ALPHABET = List.of("", "渝", "A", "1", "2", "警", " ");

    /**
     * Labels become frames by repeating each 1–3 times and putting 0–2 blanks around it (always one
     * between equal neighbours); decoding gives the labels back, with each character's probability.
     */
    @Property
    void repeatsCollapseAndBlanksSeparate(@ForAll @Size(max = 12) List<@IntRange(min = 1, max = 6) Integer> labels,
                                          @ForAll @Size(min = 12, max = 12) List<@IntRange(min = 1, max = 3) Integer> repeats,
                                          @ForAll @Size(min = 13, max = 13) List<@IntRange(min = 0, max = 2) Integer> blanks) {
        List<Integer> frames = new ArrayList<>();
        int offset = 3; // decoding starts mid-array, as for the second crop of a batch
        for (int i = 0; i < labels.size(); i++) {
            int gap = blanks.get(i);
            if (i > 0 && labels.get(i).equals(labels.get(i - 1))) {
                gap = Math.max(1, gap);
            }
            for (int b = 0; b < gap; b++) {
                frames.add(0);
            }
            for (int r = 0; r < repeats.get(i); r++) {
                frames.add(labels.get(i));
            }
        }
        for (int b = 0; b < blanks.get(12); b++) {
            frames.add(0);
        }
        int classes = ALPHABET.size();
        float[] probs = new float[offset + frames.size() * classes];
        for (int t = 0; t < frames.size(); t++) {
            for (int c = 0; c < classes; c++) {
                probs[offset + t * classes + c] = 0.1f / (classes - 1);
            }
            probs[offset + t * classes + frames.get(t)] = 0.9f;
        }
        StringBuilder expected = new StringBuilder();
        labels.forEach(l -> expected.append(ALPHABET.get(l)));

        Recognition r = new CtcDecoder(ALPHABET).decode(FloatBuffer.wrap(probs), offset, frames.size());

        assertThat(r.text()).isEqualTo(expected.toString());
        assertThat(r.charScores()).hasSize(expected.codePointCount(0, expected.length())).allMatch(p -> p == 0.9f);
    }

    @Example
    void theMostLikelyClassWinsEachStep() {
        float[] probs = {
            0.1f, 0.6f, 0.3f, 0, 0, 0, 0,
            0.2f, 0.7f, 0.1f, 0, 0, 0, 0,
            0.5f, 0.1f, 0.4f, 0, 0, 0, 0,
            0.1f, 0.2f, 0.7f, 0, 0, 0, 0,
        };
        Recognition r = new CtcDecoder(ALPHABET).decode(FloatBuffer.wrap(probs), 0, 4);
        assertThat(r.text()).isEqualTo("渝A");
        assertThat(r.charScores()).containsExactly(0.6f, 0.7f);
    }

    @Example
    void tooFewProbabilitiesForTheStepsIsAnError() {
        assertThatThrownBy(() -> new CtcDecoder(ALPHABET).decode(FloatBuffer.allocate(10), 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 2 steps of 7 classes");
    }
}
