package org.sharpeyes.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;

/** What differs between the TimescaleDB and the plain PostgreSQL time-series layouts. */
interface TimeSeriesLayout {
    Flavor flavor();

    /** Applies version- and config-dependent settings at start; idempotent. */
    void install(Connection c, Retention retention) throws SQLException;

    /** Puts a changed retention into effect where the database enforces it itself (else {@link #maintain} does). */
    void applyRetention(Connection c, Retention retention) throws SQLException;

    /** Makes the table ready to take rows of these UTC days. Runs in autocommit mode. */
    void prepare(Connection c, Table table, Collection<LocalDate> days) throws SQLException;

    /** Periodic housekeeping the database does not do by itself. */
    void maintain(Connection c, Instant now, Retention retention) throws SQLException;

    /** True when the writer must keep detection_hourly itself. */
    boolean writerKeepsRollup();
}
