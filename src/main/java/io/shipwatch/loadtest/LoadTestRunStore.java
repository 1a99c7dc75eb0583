package io.shipwatch.loadtest;

import java.util.List;
import java.util.Optional;

/** Where the server keeps load-test runs; implemented in {@code store} for SQLite and PostgreSQL. */
public interface LoadTestRunStore {

    /** Stores a whole run (summary, labels, histograms) in one transaction and returns it with its id. */
    LoadTestRun insert(LoadTestRun run);

    Optional<LoadTestRun> get(String id);

    /** Runs of a service and scenario, newest first, optionally only of a status or version. */
    List<LoadTestRun> find(RunQuery query);

    /** The first {@code limit} services and scenarios with runs, by service then scenario, each with its newest run. */
    List<LoadTestRun> latestPerScenario(int limit);

    /** What to list: service and scenario are required; status and version narrow it when given. */
    record RunQuery(String service, String scenario, RunStatus status, String version, int limit) {
    }
}
