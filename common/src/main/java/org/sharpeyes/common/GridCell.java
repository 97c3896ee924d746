package org.sharpeyes.common;

import java.util.List;

/**
 * A grid cell of grid management and where it hangs in the org tree.
 *
 * @param orgPath the cell's org unit first, then that unit's ancestors up to the city
 */
public record GridCell(String code, long orgUnitId, List<Long> orgPath) {
    public GridCell {
        orgPath = List.copyOf(orgPath);
    }

    /** True when the cell lies in the given org unit or anywhere below it. */
    public boolean within(long orgUnit) {
        return orgPath.contains(orgUnit);
    }
}
