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

    private WeightedNms() {
    }

    static List<Candidate> merge(List<Candidate> candidates) {
        List<Candidate> left = new ArrayList<>(candidates);
        left.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> out = new ArrayList<>();
        while (!left.isEmpty()) {
            Candidate best = left.get(0);
            float[] sum = new float[Candidate.SIZE];
            float weights = 0;
            List<Candidate> rest = new ArrayList<>(left.size());
            for (Candidate c : left) {
                if (c == best || best.iou(c) >= IOU_THRESHOLD) {
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += c.geometry()[i] * c.score();
                    }
                    weights += c.score();
                } else {
                    rest.add(c);
                }
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= weights;
            }
            out.add(new Candidate(sum, best.score()));
            left = rest;
        }
        return out;
    }
}
