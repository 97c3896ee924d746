package org.sharpeyes.storage;

import org.sharpeyes.common.Tier;

/** An equality filter on one tier's code: a place, or a user's scope. */
public record TierCode(Tier tier, String code) {
    public TierCode {
        if (tier == null) {
            throw new QueryException("tier", "required");
        }
        if (code == null || code.isBlank() || code.length() > 32) {
            throw new QueryException(column(tier), "must be 1 to 32 characters");
        }
    }

    String column() {
        return column(tier);
    }

    private static String column(Tier tier) {
        return switch (tier) {
            case CITY -> "city_code";
            case DISTRICT -> "district_code";
            case STREET -> "street_code";
            case COMMUNITY -> "community_code";
        };
    }
}
