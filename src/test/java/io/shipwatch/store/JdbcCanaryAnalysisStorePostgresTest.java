package io.shipwatch.store;

import io.shipwatch.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;

class JdbcCanaryAnalysisStorePostgresTest extends CanaryAnalysisStoreContract {
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
