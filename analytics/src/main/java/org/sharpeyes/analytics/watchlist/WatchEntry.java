package org.sharpeyes.analytics.watchlist;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.sharpeyes.common.PlateText;

/**
 * One wanted plate or plate pattern.
 *
 * @param pattern  a plate (exact) or a pattern with {@code *} (any run) and {@code ?} (one
 *                 character); stored normalised (see {@link PlateText#normalisePattern}) and
 *                 matched against normalised plate text
 * @param reason   why the plate is wanted, shown with the alert
 * @param caseRef  the case or incident reference, may be null
 * @param expires  when the entry stops matching; null for never
 */
public record WatchEntry(UUID id, String pattern, String reason, String caseRef, Instant expires) {
    public WatchEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        pattern = PlateText.normalisePattern(Objects.requireNonNull(pattern, "pattern"));
        String problem = PlateText.patternProblem(pattern);
        if (problem != null) {
            throw new IllegalArgumentException("watchlist pattern " + problem + ": '" + pattern + "'");
        }
    }

    public boolean exact() {
        return !PlateText.hasWildcard(pattern);
    }

    /** False from the expiry instant on. */
    public boolean activeAt(Instant now) {
        return expires == null || now.isBefore(expires);
    }

    /** Whether this entry, active at {@code now}, matches the normalised plate text. */
    public boolean matches(String plateNorm, Instant now) {
        return activeAt(now) && (exact() ? pattern.equals(plateNorm) : PlateText.matches(pattern, plateNorm));
    }
}
