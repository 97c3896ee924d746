package org.sharpeyes.console.scope;

import java.util.Set;
import org.sharpeyes.storage.TierCode;

/**
 * The org subtree a user may see. Events carry their camera's tier codes, so the event filter is
 * one equality on the scope unit's tier column; cameras and places are checked by unit id.
 *
 * @param root  the scope's top unit, null for the whole tree
 * @param units ids of the root and all its descendants (empty when root is null)
 */
public record Scope(OrgUnit root, Set<Long> units) {
    public static final Scope EVERYTHING = new Scope(null, Set.of());

    public Scope {
        units = Set.copyOf(units);
    }

    public static Scope under(OrgTree tree, Long rootId) {
        if (rootId == null) {
            return EVERYTHING;
        }
        OrgUnit root = tree.get(rootId);
        if (root == null) {
            // A scope unit that no longer exists must see nothing rather than everything.
            return new Scope(new OrgUnit(rootId, null, org.sharpeyes.common.Tier.COMMUNITY, "-", "(deleted)"), Set.of(-1L));
        }
        return new Scope(root, tree.subtree(rootId));
    }

    public boolean all() {
        return root == null;
    }

    public boolean contains(long orgUnitId) {
        return all() || units.contains(orgUnitId);
    }

    /** Whether an event or alert with these tier codes lies in this scope. */
    public boolean covers(org.sharpeyes.common.Placement p) {
        if (all()) {
            return true;
        }
        String code = switch (root.tier()) {
            case CITY -> p.cityCode();
            case DISTRICT -> p.districtCode();
            case STREET -> p.streetCode();
            case COMMUNITY -> p.communityCode();
        };
        return root.code().equals(code);
    }

    /** The event filter for this scope, or null when it sees everything. */
    public TierCode tierCode() {
        return all() ? null : new TierCode(root.tier(), root.code());
    }
}
