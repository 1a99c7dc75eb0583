package io.shipwatch.app;

import io.shipwatch.dora.DoraService;
import io.shipwatch.dora.Incident;
import io.shipwatch.markers.Commit;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentChange;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.providers.demo.DemoProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's story, the same on every run relative to now: four services with 60 days of deployments, and one bad
 * checkout release two hours ago whose error spike ends when it is rolled back. Every marker is tagged demo=true.
 */
final class DemoData {
    static final List<String> SERVICES = List.of("checkout", "search", "payments", "inventory");
    static final String BAD_SERVICE = "checkout";
    private static final Duration HISTORY = Duration.ofDays(60);

    private final Instant now;
    private final Random random = new Random(20261126L);

    DemoData(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.MINUTES);
    }

    /** When the bad release went out and when it was rolled back. */
    Instant badReleaseAt() {
        return now.minus(Duration.ofMinutes(125));
    }

    Instant rollbackAt() {
        return badReleaseAt().plus(Duration.ofMinutes(17));
    }

    /** The error spike the demo provider draws after the bad release. */
    List<DemoProvider.Incident> incidents() {
        return List.of(new DemoProvider.Incident(BAD_SERVICE, badReleaseAt().plus(Duration.ofMinutes(1)),
                rollbackAt().plus(Duration.ofMinutes(2)), 0.12, 2.5));
    }

    /** Records the incident the bad release caused: paged a minute after it, resolved once the rollback settled. */
    void loadIncident(DoraService dora) {
        for (DemoProvider.Incident spike : incidents()) {
            dora.open(new Incident(null, spike.service(), "production", "demo: checkout error ratio above 5 %", "sev2",
                    spike.from(), spike.to(), null, "demo", null));
        }
    }

    /** Records gate results and canary analyses of the recent releases (after {@link #load}); returns how many. */
    int loadGates(ShipwatchServer server) {
        return new DemoGates(now, BAD_SERVICE).load(server.markers(), SERVICES, server.gateRuns(), server.canaries());
    }

    /** Records the whole history through the marker service; returns how many deployments were recorded. */
    int load(MarkerService markers) {
        int count = 0;
        int checkoutMinor = 0;
        for (String service : SERVICES) {
            int minor = loadService(markers, service);
            if (service.equals(BAD_SERVICE)) {
                checkoutMinor = minor;
            }
            count += 2 * minor;
        }
        count += loadBadRelease(markers, checkoutMinor);
        return count;
    }

    /** Records a service's releases, each to staging then production; returns how many releases. */
    private int loadService(MarkerService markers, String service) {
        int minor = 0;
        Instant t = now.minus(HISTORY).plus(Duration.ofHours(9 + random.nextInt(6)));
        Instant stop = service.equals(BAD_SERVICE) ? badReleaseAt().minus(Duration.ofHours(20)) : now.minus(Duration.ofHours(3));
        while (t.isBefore(stop)) {
            minor++;
            String version = "2." + minor + ".0";
            Instant stagingAt = t.minus(Duration.ofMinutes(40 + random.nextInt(60)));
            record(markers, service, "staging", version, DeploymentStatus.SUCCEEDED, stagingAt, 3);
            DeploymentStatus status = random.nextInt(25) == 0 ? DeploymentStatus.FAILED : DeploymentStatus.SUCCEEDED;
            record(markers, service, "production", version, status, t, 4);
            // one to three releases a working day, more for busy services
            t = t.plus(Duration.ofHours(10 + random.nextInt(service.equals("search") ? 20 : 40)));
        }
        return minor;
    }

    private int loadBadRelease(MarkerService markers, int lastMinor) {
        String good = "2." + (lastMinor + 1) + ".0";
        String bad = "2." + (lastMinor + 2) + ".0";
        record(markers, BAD_SERVICE, "production", good, DeploymentStatus.SUCCEEDED,
                badReleaseAt().minus(Duration.ofHours(20)), 4);
        Deployment badRelease = record(markers, BAD_SERVICE, "production", bad, DeploymentStatus.SUCCEEDED,
                badReleaseAt().minus(Duration.ofMinutes(4)), 4);
        markers.change(badRelease.id(), new DeploymentChange(DeploymentStatus.ROLLED_BACK, null,
                "demo: error ratio rose to 12 % a minute after release; rolled back to " + good));
        record(markers, BAD_SERVICE, "production", good, DeploymentStatus.SUCCEEDED,
                rollbackAt().minus(Duration.ofMinutes(2)), 2, DeploymentKind.ROLLBACK);
        record(markers, BAD_SERVICE, "production", "2." + (lastMinor + 2) + ".1", DeploymentStatus.SUCCEEDED,
                now.minus(Duration.ofMinutes(30)), 5);
        return 4;
    }

    private Deployment record(MarkerService markers, String service, String env, String version,
                              DeploymentStatus status, Instant startedAt, int minutes) {
        return record(markers, service, env, version, status, startedAt, minutes, DeploymentKind.DEPLOY);
    }

    private Deployment record(MarkerService markers, String service, String env, String version,
                              DeploymentStatus status, Instant startedAt, int minutes, DeploymentKind kind) {
        String sha = sha();
        Instant finishedAt = startedAt.plus(Duration.ofMinutes(minutes).plusSeconds(random.nextInt(50)));
        List<Commit> commits = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            commits.add(new Commit(i == 0 ? sha : sha(), startedAt.minus(Duration.ofMinutes(30 + random.nextInt(2000)))));
        }
        Deployment draft = new Deployment(null, service, env, version, status, startedAt, finishedAt, sha,
                "https://git.example.com/demo/" + service, commits, String.valueOf(10_000 + random.nextInt(90_000)),
                null, "demo-bot", "demo data", Map.of("demo", "true"), null, null, null, kind, null);
        return markers.record(draft).deployment();
    }

    private String sha() {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
