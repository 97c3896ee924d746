package org.sharpeyes.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.sharpeyes.common.DetectionKind;
import org.sharpeyes.common.SiteType;

/**
 * A search over events. Every filter is optional except the time range [from, to); tier codes
 * are ANDed, so a caller's scope is simply one more {@link TierCode}. Results come newest first.
 *
 * @param cursor the {@code next} of the previous page, or null for the first
 */
public record EventQuery(Instant from, Instant to, DetectionKind kind, List<TierCode> tiers, String gridCode,
                         UUID cameraId, SiteType siteType, PlateMatch plate, int limit, String cursor) {
    public static final int MAX_LIMIT = 1000;

    public EventQuery {
        if (from == null) {
            throw new QueryException("from", "required");
        }
        if (to == null) {
            throw new QueryException("to", "required");
        }
        if (!from.isBefore(to)) {
            throw new QueryException("to", "must be after from");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QueryException("limit", "must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (plate != null && kind == DetectionKind.FACE) {
            throw new QueryException("plate", "a plate search cannot ask for FACE events");
        }
        if (gridCode != null && (gridCode.isBlank() || gridCode.length() > 64)) {
            throw new QueryException("grid", "must be 1 to 64 characters");
        }
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }

    public static Builder between(Instant from, Instant to) {
        return new Builder(from, to);
    }

    /** The same query for the page after {@code next}. */
    public EventQuery after(String next) {
        return new EventQuery(from, to, kind, tiers, gridCode, cameraId, siteType, plate, limit, next);
    }

    public static final class Builder {
        private final Instant from;
        private final Instant to;
        private DetectionKind kind;
        private final List<TierCode> tiers = new ArrayList<>();
        private String gridCode;
        private UUID cameraId;
        private SiteType siteType;
        private PlateMatch plate;
        private int limit = 100;
        private String cursor;

        private Builder(Instant from, Instant to) {
            this.from = from;
            this.to = to;
        }

        public Builder kind(DetectionKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder tier(TierCode tierCode) {
            tiers.add(tierCode);
            return this;
        }

        public Builder grid(String gridCode) {
            this.gridCode = gridCode;
            return this;
        }

        public Builder camera(UUID cameraId) {
            this.cameraId = cameraId;
            return this;
        }

        public Builder siteType(SiteType siteType) {
            this.siteType = siteType;
            return this;
        }

        public Builder plate(PlateMatch plate) {
            this.plate = plate;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        public EventQuery build() {
            return new EventQuery(from, to, kind, tiers, gridCode, cameraId, siteType, plate, limit, cursor);
        }
    }
}
