package org.sharpeyes.storage;

/** Which time-series layout the schema uses. */
public enum Flavor {
    /** Hypertables, columnstore, continuous aggregates and policies inside the database. */
    TIMESCALE,
    /** Native daily range partitions and a rollup table kept by the application. */
    POSTGRES
}
