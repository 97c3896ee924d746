package org.sharpeyes.console.auth;

/** What a user may do; each role includes the ones before it. */
public enum Role {
    /** Live wall and alerts. */
    OPERATOR,
    /** Also search, trajectories, heat maps and exports. */
    INVESTIGATOR,
    /** Also cameras, users, watchlists, retention and the audit log. */
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }
}
