package io.shipwatch.testing;

import io.shipwatch.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Real databases for store tests: a fresh SQLite file, or a fresh schema in the PostgreSQL server on 127.0.0.1:5432
 * (database {@code test}, trust auth; {@code SHIPWATCH_TEST_PG} overrides the base URL).
 */
public final class TestDatabases {
    public static final String PG_BASE = System.getenv().getOrDefault("SHIPWATCH_TEST_PG",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private TestDatabases() {
    }

    public static Database sqlite(Path dir) {
        return Database.open("jdbc:sqlite:" + dir.resolve("shipwatch.db"), "test");
    }

    /** Creates an empty schema and returns a JDBC URL that uses it; skips (or fails in CI) without PostgreSQL. */
    public static String freshPostgresSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        boolean reachable;
        try (Connection c = DriverManager.getConnection(PG_BASE)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
            reachable = true;
        } catch (SQLException e) {
            reachable = false;
        }
        Requirements.require(reachable, "PostgreSQL at " + PG_BASE);
        return PG_BASE + "&currentSchema=" + schema;
    }

    public static void dropSchemaOf(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(PG_BASE)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // leaving an empty test schema behind is harmless
        }
    }
}
