package org.sharpeyes.console;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sharpeyes.analytics.watchlist.Watchlist;
import org.sharpeyes.common.SnapshotStore;
import org.sharpeyes.gateway.health.CameraHealth;
import org.sharpeyes.gateway.hub.StreamHubs;
import org.sharpeyes.gateway.registry.CameraRegistry;
import org.sharpeyes.gateway.registry.CsvImport;
import org.sharpeyes.storage.Database;
import org.sharpeyes.storage.EventSearch;
import org.sharpeyes.storage.HealthStats;

/**
 * What the console serves from, wired by the node.
 *
 * @param health         a camera's current health; empty when this node's gateway does not pull it
 * @param camerasChanged tells the gateway to pick up registry edits at once
 * @param hubs           the gateway's streams for live video; null on a node without the gateway role
 * @param watchlist      the analytics watchlist kept equal to the stored one
 */
public record ConsoleServices(Database database, CameraRegistry registry, CsvImport csvImport,
                              Function<UUID, Optional<CameraHealth>> health, Runnable camerasChanged, StreamHubs hubs,
                              EventSearch search, HealthStats healthStats, SnapshotStore snapshots, Watchlist watchlist,
                              ConsoleSettings settings, Clock clock) {
    public DataSource dataSource() {
        return database.dataSource();
    }
}
