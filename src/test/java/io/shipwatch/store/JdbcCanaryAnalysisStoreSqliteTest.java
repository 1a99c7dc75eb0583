package io.shipwatch.store;

import io.shipwatch.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class JdbcCanaryAnalysisStoreSqliteTest extends CanaryAnalysisStoreContract {
    @TempDir
    Path dir;

    @Override
    Database open() {
        return TestDatabases.sqlite(dir);
    }
}
