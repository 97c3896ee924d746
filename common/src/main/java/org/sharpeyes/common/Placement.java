package org.sharpeyes.common;

import java.util.Objects;

/**
 * Where a camera stands, as copied onto every event at write time: the tier codes of its org
 * unit and its ancestors, its grid cell and its site type. Copying keeps history right when a
 * camera moves and makes scope and tier filters equality tests on indexed columns.
 */
public record Placement(String cityCode, String districtCode, String streetCode, String communityCode,
                        String gridCode, SiteType siteType) {
    public Placement {
        Objects.requireNonNull(siteType, "siteType");
    }
}
