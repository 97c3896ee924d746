package org.sharpeyes.common;

/** What kind of place a camera watches. */
public enum SiteType {
    ALLEY, BUILDING, PERIMETER, MARKET, CRIME_PRONE, CROWDED, ROAD, OTHER
}
