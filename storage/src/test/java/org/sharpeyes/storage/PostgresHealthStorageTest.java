package org.sharpeyes.storage;

import org.junit.jupiter.api.AfterAll;
import org.sharpeyes.storage.testing.EmbeddedDb;

class PostgresHealthStorageTest extends HealthStorageContract {
    private final EmbeddedDb db = EmbeddedDb.inTempDir();

    @Override
    DbSettings settings() {
        return db.settings();
    }

    @AfterAll
    void stopDatabase() throws Exception {
        db.close();
    }
}
