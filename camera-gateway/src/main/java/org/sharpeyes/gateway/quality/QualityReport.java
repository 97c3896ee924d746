package org.sharpeyes.gateway.quality;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The diagnosis of one sampled frame.
 *
 * @param scores every fault's score (see {@link QualityThresholds} for units), also when not a fault
 * @param faults the faults found, each with its reason; empty for a good picture
 */
public record QualityReport(Instant at, Map<Fault, Double> scores, List<Finding> faults) {
    /** One fault: its score, the threshold it crossed, and a sentence for operators. */
    public record Finding(Fault fault, double score, double threshold, String reason) {
    }

    public QualityReport {
        scores = Collections.unmodifiableMap(new EnumMap<>(scores));
        faults = List.copyOf(faults);
    }

    public boolean ok() {
        return faults.isEmpty();
    }

    public Set<Fault> faultSet() {
        return faults.stream().map(Finding::fault).collect(Collectors.toUnmodifiableSet());
    }
}
