package io.shipwatch.store;

import io.shipwatch.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;

class JdbcLoadTestRunStorePostgresTest extends LoadTestRunStoreContract {
    private String url;

    @Override
    Database open() {
        url = TestDatabases.freshPostgresSchema();
        return Database.open(url, "test");
    }

    @AfterEach
    void dropSchema() {
        TestDatabases.dropSchemaOf(url);
    }
}
