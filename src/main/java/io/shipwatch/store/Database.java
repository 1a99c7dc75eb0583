package io.shipwatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The store's connection: an embedded SQLite file (WAL mode) or a PostgreSQL database shared by several servers.
 * Opening it applies the schema migrations, so a server never runs against an older schema.
 */
public final class Database implements AutoCloseable {
    /** The embedded default, under the working directory. */
    public static final String DEFAULT_URL = "jdbc:sqlite:.shipwatch/shipwatch.db";

    /** How long a request waits for a connection (and, on SQLite, for another writer's lock). */
    static final long CONNECTION_TIMEOUT_MS = 2_000;
    /** PostgreSQL cancels a statement running longer than this. */
    static final long STATEMENT_TIMEOUT_MS = 4_000;
    /** A PostgreSQL connection that sends nothing for this long is given up (a partition, a dead server). */
    static final int SOCKET_TIMEOUT_S = 5;

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
        if (sqlite) {
            makeParentFolder(url.substring("jdbc:sqlite:".length()), where);
        }
        // migrations may rightly run longer than a request may wait: they get their own connection, without timeouts
        try (HikariDataSource migrations = new HikariDataSource(config(url, sqlite, false))) {
            Flyway.configure()
                    .dataSource(migrations)
                    .locations("classpath:db/migration/common")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot open the database at " + redact(url) + ": " + rootMessage(e)
                    + "; is the database running, and is --db (or SHIPWATCH_DB) right?", e);
        }
        HikariDataSource dataSource = new HikariDataSource(config(url, sqlite, true));
        return new Database(dataSource, sqlite);
    }

    /**
     * The pool's settings. For requests ({@code bounded}), an unreachable database fails fast: a connection is waited
     * for {@value #CONNECTION_TIMEOUT_MS} ms, a PostgreSQL statement runs {@value #STATEMENT_TIMEOUT_MS} ms at most
     * and a silent socket is given up after {@value #SOCKET_TIMEOUT_S} s, so a request answers 503 rather than hang
     * through a network partition. Options in the URL take precedence over these.
     */
    private static HikariConfig config(String url, boolean sqlite, boolean bounded) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName(bounded ? "shipwatch" : "shipwatch-migrations");
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(bounded ? CONNECTION_TIMEOUT_MS : 10_000);
        config.setValidationTimeout(bounded ? 1_000 : 5_000);
        Properties p = new Properties();
        if (sqlite) {
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "NORMAL");
            // a writer waits this long for another's lock, then the request answers 503 and may be retried
            p.setProperty("busy_timeout", Long.toString(bounded ? CONNECTION_TIMEOUT_MS : 10_000));
            p.setProperty("foreign_keys", "true");
            // Writers take the lock at BEGIN, so two writers queue on busy_timeout instead of failing mid-transaction.
            p.setProperty("transaction_mode", "IMMEDIATE");
            config.setMaximumPoolSize(bounded ? 4 : 2);
        } else {
            p.setProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT_MS / 1000));
            p.setProperty("loginTimeout", Long.toString(CONNECTION_TIMEOUT_MS / 1000));
            if (bounded) {
                p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_S));
                p.setProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT_MS);
            }
            config.setMaximumPoolSize(bounded ? 10 : 2); // Flyway holds its lock on a second connection
        }
        config.setDataSourceProperties(p);
        return config;
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

    /** True when the database answers a trivial query; false within about three seconds when it does not. */
    public boolean isReachable() {
        try (var c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when {@code failure} comes from the database being out of reach or busy (no connection in time, a broken
     * or silent connection, a statement cancelled by its timeout, a SQLite lock held too long): worth a retry later,
     * unlike a failure of the request itself.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLTimeoutException
                    || t instanceof java.net.SocketTimeoutException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLiteException e && (e.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null && (e.getSQLState().startsWith("08")
                    || e.getSQLState().equals("57014") || e.getSQLState().startsWith("57P")
                    || e.getSQLState().equals("53300"))) {
                return true; // connection exception, query_canceled, admin/crash shutdown, too_many_connections
            }
        }
        return false;
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
