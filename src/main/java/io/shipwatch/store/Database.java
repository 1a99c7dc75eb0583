package io.shipwatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

/**
 * The store's connection: an embedded SQLite file (WAL mode) or a PostgreSQL database shared by several servers.
 * Opening it applies the schema migrations, so a server never runs against an older schema.
 */
public final class Database implements AutoCloseable {
    /** The embedded default, under the working directory. */
    public static final String DEFAULT_URL = "jdbc:sqlite:.shipwatch/shipwatch.db";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean sqlite;

    private Database(HikariDataSource dataSource, boolean sqlite) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.sqlite = sqlite;
    }

    /**
     * Opens {@code url} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…}) and migrates it.
     *
     * @throws InputException for a URL of another kind, or a SQLite file whose folder cannot be made
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static Database open(String url, String where) {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        if (!sqlite && !url.startsWith("jdbc:postgresql:")) {
            throw new InputException(where, "'" + url + "' is neither a SQLite nor a PostgreSQL JDBC URL",
                    "use jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("shipwatch");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        if (sqlite) {
            makeParentFolder(url.substring("jdbc:sqlite:".length()), where);
            Properties p = new Properties();
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "NORMAL");
            p.setProperty("busy_timeout", "10000");
            p.setProperty("foreign_keys", "true");
            // Writers take the lock at BEGIN, so two writers queue on busy_timeout instead of failing mid-transaction.
            p.setProperty("transaction_mode", "IMMEDIATE");
            config.setDataSourceProperties(p);
            config.setMaximumPoolSize(4);
        } else {
            config.setMaximumPoolSize(10);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new StoreException("cannot open the database at " + redact(url) + ": " + rootMessage(e)
                    + "; is the database running, and is --db (or SHIPWATCH_DB) right?", e);
        }
        return new Database(dataSource, sqlite);
    }

    private static void makeParentFolder(String file, String where) {
        String path = file.contains("?") ? file.substring(0, file.indexOf('?')) : file;
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new InputException(where, "cannot create the folder " + parent + " for the SQLite file: " + e.getMessage(),
                    "choose a writable path");
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isSqlite() {
        return sqlite;
    }

    /** True when the database answers a trivial query within two seconds. */
    public boolean isReachable() {
        try (var c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The URL without any password, for messages and logs. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
