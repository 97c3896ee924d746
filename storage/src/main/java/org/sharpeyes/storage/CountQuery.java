package org.sharpeyes.storage;

import java.time.Instant;
import java.util.List;
import org.sharpeyes.common.DetectionKind;

/** Event counts per grid cell over [from, to), both rounded down to whole hours. */
public record CountQuery(Instant from, Instant to, DetectionKind kind, List<TierCode> tiers) {
    public CountQuery {
        if (from == null) {
            throw new QueryException("from", "required");
        }
        if (to == null || !from.isBefore(to)) {
            throw new QueryException("to", "required and after from");
        }
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }
}
