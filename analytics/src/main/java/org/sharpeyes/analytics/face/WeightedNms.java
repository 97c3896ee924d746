package org.sharpeyes.analytics.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted non-maximum suppression: the best remaining detection and every other one
 * overlapping it by at least the IoU threshold are replaced by their score-weighted mean (box and
 * landmarks), scored with the best score. Blending steadies boxes across anchors and tiles.
 */
final class WeightedNms {
    static final float IOU_THRESHOLD = 0.3f;
    private static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::score).reversed();

    private WeightedNms() {
    }

    /** The merged detections, best first; sorts {@code candidates} (best first) in place. */
    static List<Candidate> merge(List<Candidate> candidates) {
        candidates.sort(BEST_FIRST);
        int n = candidates.size();
        // merged flags instead of a list of the rest per round: every detect call with a face merges
        boolean[] merged = new boolean[n];
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (merged[i]) {
                continue;
            }
            Candidate best = candidates.get(i);
            float[] sum = new float[Candidate.SIZE];
            float weights = 0;
            for (int j = i; j < n; j++) {
                Candidate c = candidates.get(j);
                if (!merged[j] && (j == i || best.iou(c) >= IOU_THRESHOLD)) {
                    merged[j] = true;
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] += c.geometry()[k] * c.score();
                    }
                    weights += c.score();
                }
            }
            for (int k = 0; k < sum.length; k++) {
                sum[k] /= weights;
            }
            out.add(new Candidate(sum, best.score()));
        }
        return out;
    }
}
