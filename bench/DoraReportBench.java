import io.shipwatch.core.TimeWindow;
import io.shipwatch.dora.DoraQuery;
import io.shipwatch.dora.DoraReport;
import io.shipwatch.dora.DoraService;
import io.shipwatch.dora.DoraSettings;
import io.shipwatch.store.Database;
import io.shipwatch.store.JdbcDoraStore;
import io.shipwatch.store.JdbcMarkerStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The DORA report over one year of history for 200 services in the embedded SQLite: builds the file once (about
 * 500 000 deployments and 2 million commits, seeded), then times the report for one service and for all services
 * beside a full count(*) of the deployments table, in the same run. Prints the figures and the targets.
 */
public class DoraReportBench {
    static final int SERVICES = 200;
    static final Instant END = Instant.parse("2026-11-30T00:00:00Z");
    static final Instant START = END.minus(Duration.ofDays(365));
    static final long DAY = 86_400_000L;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "bench/out/dora-bench.db");
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean fresh = !Files.exists(file);
        try (Database db = Database.open("jdbc:sqlite:" + file, "bench")) {
            if (fresh) {
                long t0 = System.nanoTime();
                generate(db);
                System.out.printf("generated %s in %.1f s%n", file, (System.nanoTime() - t0) / 1e9);
            }
            long deployments = count(db, "deployments");
            long commits = count(db, "deployment_commits");
            long incidents = count(db, "incidents");
            System.out.printf("history: %d services, %,d deployments, %,d commits, %,d incidents, one year%n",
                    SERVICES, deployments, commits, incidents);

            DoraService dora = new DoraService(new JdbcDoraStore(db), new JdbcMarkerStore(db), List.of(),
                    DoraSettings.defaults(), Map.of(), Clock.fixed(END, java.time.ZoneOffset.UTC));
            TimeWindow last30 = TimeWindow.ending(END, Duration.ofDays(30));
            // warmed up as a running server is: the JIT has compiled the report before it is timed
            double scan = time(20, () -> count(db, "deployments"));
            double one = time(50, () -> dora.report(new DoraQuery("svc-042", null, null, last30)));
            double all = time(3, () -> dora.report(new DoraQuery(null, null, null, last30)));
            DoraReport sample = dora.report(new DoraQuery("svc-042", null, null, last30));
            System.out.printf("svc-042, last 30 days: %d deployments, lead time median %.1f h, failure rate %.3f%n",
                    sample.metrics().deploymentFrequency().deployments(),
                    sample.metrics().leadTimeForChanges().medianHours(), sample.metrics().changeFailureRate().rate());
            System.out.printf("machine: %d cores, load average %.2f (figures are wall time, so other work on the machine "
                    + "inflates them)%n", Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("%-34s %9.1f ms%n", "count(*) of deployments", scan);
            System.out.printf("%-34s %9.1f ms   target < 50 ms: %s%n", "report, one service (30 days)", one,
                    one < 50 ? "met" : "MISSED");
            System.out.printf("%-34s %9.1f ms   target < 2000 ms: %s%n", "report, all services (30 days)", all,
                    all < 2000 ? "met" : "MISSED");
        }
    }

    /** The median of 5 timed runs after {@code warmUps} untimed ones, in milliseconds. */
    static double time(int warmUps, Supplier<?> work) {
        for (int i = 0; i < warmUps; i++) {
            work.get();
        }
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    static long count(Database db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Per service: ~6.8 deployments a day, 4 commits each on average, some rolled back, failed or fixed. */
    static void generate(Database db) throws Exception {
        Random random = new Random(20261130);
        try (Connection c = db.jdbi().open().getConnection()) {
            c.setAutoCommit(false);
            PreparedStatement dep = c.prepareStatement("INSERT INTO deployments (id, service, environment, version, "
                    + "status, started_at, finished_at, commit_sha, tags, revision, created_at, updated_at, kind, fixes) "
                    + "VALUES (?, ?, 'production', ?, ?, ?, ?, ?, '{}', 1, ?, ?, ?, ?)");
            PreparedStatement com = c.prepareStatement("INSERT INTO deployment_commits (deployment_id, position, sha, "
                    + "committed_at, authored_at, message) VALUES (?, ?, ?, ?, ?, ?)");
            PreparedStatement inc = c.prepareStatement("INSERT INTO incidents (id, service, environment, title, "
                    + "opened_at, resolved_at, source, created_at, updated_at) VALUES (?, ?, 'production', ?, ?, ?, "
                    + "'bench', ?, ?)");
            long n = 0;
            long commitSeq = 0;
            for (int s = 0; s < SERVICES; s++) {
                String service = String.format("svc-%03d", s);
                long t = START.toEpochMilli();
                int version = 0;
                String previous = null;
                while (t < END.toEpochMilli()) {
                    t += (long) (-Math.log(1 - random.nextDouble()) * (DAY / 6.85));
                    String id = service + "-" + (++version);
                    double roll = random.nextDouble();
                    String status = roll < 0.04 ? "rolled_back" : roll < 0.07 ? "failed" : "succeeded";
                    String fixes = roll > 0.98 && previous != null ? previous : null;
                    String sha = String.format("%040x", ++commitSeq);
                    bindDeployment(dep, id, service, "1." + version, status, t, sha, "deploy", fixes);
                    int commits = random.nextInt(8) + 1;
                    for (int k = 0; k < commits; k++) {
                        long at = t - (long) (-Math.log(1 - random.nextDouble()) * DAY * 0.8);
                        com.setString(1, id);
                        com.setInt(2, k);
                        com.setString(3, k == 0 ? sha : String.format("%040x", ++commitSeq));
                        com.setLong(4, at);
                        com.setLong(5, at - 60_000);
                        com.setString(6, "Change " + commitSeq);
                        com.addBatch();
                    }
                    if (status.equals("rolled_back")) {
                        t += 600_000;
                        bindDeployment(dep, id + "-rb", service, "1." + (version - 1), "succeeded", t, null,
                                "rollback", null);
                    }
                    if (random.nextDouble() < 0.02) {
                        long opened = t + (long) (random.nextDouble() * DAY);
                        inc.setString(1, id + "-inc");
                        inc.setString(2, service);
                        inc.setString(3, "errors after " + id);
                        inc.setLong(4, opened);
                        inc.setLong(5, opened + (long) (random.nextDouble() * 4 * 3_600_000));
                        inc.setLong(6, opened);
                        inc.setLong(7, opened);
                        inc.addBatch();
                    }
                    previous = id;
                    if (++n % 5000 == 0) {
                        dep.executeBatch();
                        com.executeBatch();
                        inc.executeBatch();
                    }
                }
            }
            dep.executeBatch();
            com.executeBatch();
            inc.executeBatch();
            c.commit();
        }
        db.jdbi().useHandle(h -> h.execute("ANALYZE"));
    }

    static void bindDeployment(PreparedStatement p, String id, String service, String version, String status, long t,
                               String sha, String kind, String fixes) throws Exception {
        p.setString(1, id);
        p.setString(2, service);
        p.setString(3, version);
        p.setString(4, status);
        p.setLong(5, t - 300_000);
        p.setLong(6, t);
        p.setString(7, sha);
        p.setLong(8, t);
        p.setLong(9, t);
        p.setString(10, kind);
        p.setString(11, fixes);
        p.addBatch();
    }
}
