package org.sharpeyes.storage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.sharpeyes.storage.testing.Repo;
import org.sharpeyes.storage.testing.TimescaleDb;

class TimescaleHealthStorageTest extends HealthStorageContract {
    private TimescaleDb db;

    @Override
    DbSettings settings() {
        Assumptions.assumeTrue(Repo.nodeAvailable(), "node is not installed: TimescaleDB tests need it");
        try {
            db = TimescaleDb.start();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return db.settings();
    }

    @AfterAll
    void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }
}
