package org.sharpeyes.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
record Percentiles(double[] sorted) {
    static Percentiles of(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    double at(double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
        return at(50);
    }

    double max() {
        return sorted[sorted.length - 1];
    }
}
