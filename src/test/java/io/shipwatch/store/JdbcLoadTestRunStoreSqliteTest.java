package io.shipwatch.store;

import io.shipwatch.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class JdbcLoadTestRunStoreSqliteTest extends LoadTestRunStoreContract {
    @TempDir
    Path dir;

    @Override
    Database open() {
        return TestDatabases.sqlite(dir);
    }
}
