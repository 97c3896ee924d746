package org.sharpeyes.common;

/** Administrative tiers of the comprehensive-governance centres, top down. */
public enum Tier {
    CITY, DISTRICT, STREET, COMMUNITY;

    /** The tier directly below this one, or null for COMMUNITY. */
    public Tier child() {
        return this == COMMUNITY ? null : values()[ordinal() + 1];
    }
}
