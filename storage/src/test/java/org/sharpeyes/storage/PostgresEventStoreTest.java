package org.sharpeyes.storage;

import org.junit.jupiter.api.AfterAll;
import org.sharpeyes.storage.testing.EmbeddedDb;

class PostgresEventStoreTest extends EventStoreContract {
    private final EmbeddedDb db = EmbeddedDb.inTempDir();

    @Override
    DbSettings settings() {
        return db.settings();
    }

    @Override
    Flavor expectedFlavor() {
        return Flavor.POSTGRES;
    }

    @AfterAll
    void stopDatabase() throws Exception {
        db.close();
    }
}
