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
        // a plate's ends: 警 cannot open one (the province 渝 is read instead), 渝 cannot close one (警)
        List<Integer> expected = new ArrayList<>(labels);
        List<Float> scores = new ArrayList<>(labels.stream().map(l -> 0.9f).toList());
        float other = 0.1f / (classes - 1);
        if (expected.size() > 1 && expected.get(expected.size() - 1) == 1) {
            expected.set(expected.size() - 1, 5);
            scores.set(expected.size() - 1, other);
        }
        if (!expected.isEmpty() && expected.get(0) == 5) {
            expected.set(0, 1);
            scores.set(0, other);
        }
        StringBuilder text = new StringBuilder();
        expected.forEach(l -> text.append(ALPHABET.get(l)));

        Recognition r = new CtcDecoder(ALPHABET).decode(FloatBuffer.wrap(probs), offset, frames.size());

        assertThat(r.text()).isEqualTo(text.toString());
        assertThat(r.charScores()).containsExactlyElementsOf(scores);
    }

    @Example
    void aHanGlyphNoPlateOpensWithBecomesTheLikeliestProvinceAtItsSteps() {
        List<String> alphabet = List.of("", "营", "使", "京", "A", "1");
        float[] probs = {
            0.1f, 0.5f, 0.2f, 0.1f, 0.1f, 0,
            0.1f, 0.6f, 0.1f, 0.15f, 0.05f, 0,
            0.2f, 0, 0, 0.1f, 0.7f, 0,
            0.1f, 0, 0, 0.3f, 0, 0.6f,
        };
        Recognition r = new CtcDecoder(alphabet).decode(FloatBuffer.wrap(probs), 0, 4);
        assertThat(r.text()).isEqualTo("使A1"); // 京 is likelier only at a step 营 was not read at
        assertThat(r.charScores()).containsExactly(0.2f, 0.7f, 0.6f);
    }

    @Example
    void aHanGlyphNoPlateEndsWithBecomesTheLikeliestSuffix() {
        List<String> alphabet = List.of("", "粤", "Z", "课", "澳", "港");
        float[] probs = {
            0.1f, 0.9f, 0, 0, 0, 0,
            0.1f, 0, 0.9f, 0, 0, 0,
            0.1f, 0, 0, 0.5f, 0.3f, 0.1f,
        };
        Recognition r = new CtcDecoder(alphabet).decode(FloatBuffer.wrap(probs), 0, 3);
        assertThat(r.text()).isEqualTo("粤Z澳");
        assertThat(r.charScores()).containsExactly(0.9f, 0.9f, 0.3f);
    }

    @Example
    void lettersDigitsAndGlyphsAPlateAllowsAreNeverRepicked() {
        List<String> alphabet = List.of("", "1", "京", "A", "警");
        float[] probs = {
            0.1f, 0.6f, 0.3f, 0, 0,
            0.1f, 0, 0, 0.6f, 0.3f,
        };
        Recognition r = new CtcDecoder(alphabet).decode(FloatBuffer.wrap(probs), 0, 2);
        assertThat(r.text()).isEqualTo("1A");
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
