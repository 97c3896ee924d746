package org.sharpeyes.analytics.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedNmsTest {
    /** A square detection of side {@code size} centred at (x, y), landmarks at the centre. */
    private static Candidate at(float x, float y, float size, float score) {
        float[] g = new float[Candidate.SIZE];
        g[0] = x;
        g[1] = y;
        g[2] = size;
        g[3] = size;
        for (int k = 4; k < Candidate.SIZE; k += 2) {
            g[k] = x;
            g[k + 1] = y;
        }
        return new Candidate(g, score);
    }

    @Test
    void overlappingDetectionsBlendByScoreAndKeepTheBestScoreWhileOthersStandApart() {
        List<Candidate> candidates = new ArrayList<>(List.of(
                at(104, 100, 40, 0.6f), at(300, 300, 30, 0.7f), at(100, 100, 40, 0.9f), at(500, 100, 40, 0.8f)));
        List<Candidate> merged = WeightedNms.merge(candidates);

        assertThat(merged).extracting(Candidate::score).containsExactly(0.9f, 0.8f, 0.7f);
        Candidate blended = merged.get(0);
        // (100·0.9 + 104·0.6) / 1.5
        assertThat(blended.geometry()[0]).isCloseTo(101.6f, offset(1e-4f));
        assertThat(blended.geometry()[4]).isCloseTo(101.6f, offset(1e-4f));
        assertThat(blended.geometry()[1]).isCloseTo(100f, offset(1e-4f));
        assertThat(merged.get(1).geometry()[0]).isEqualTo(500f);
        assertThat(merged.get(2).geometry()[0]).isEqualTo(300f);
    }

    @Test
    void aDetectionOverlapsOnlyTheBestOfItsGroupToJoinIt() {
        // b overlaps a (IoU 0.6) and c overlaps b but not a: c stays a detection of its own
        List<Candidate> candidates = new ArrayList<>(List.of(
                at(100, 100, 40, 0.9f), at(110, 100, 40, 0.8f), at(135, 100, 40, 0.7f)));
        assertThat(WeightedNms.merge(candidates)).extracting(Candidate::score).containsExactly(0.9f, 0.7f);
    }
}
