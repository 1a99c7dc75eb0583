package io.shipwatch.loadtest;

import java.time.Instant;
import java.util.List;

/**
 * One load-test run kept by the server: which service, scenario and version it tested, how it was judged, and its
 * result (per-label statistics, the test window and, for raw formats, the latency histograms), and the service's own
 * metrics during the test when 'loadtest run' measured them (empty otherwise).
 */
public record LoadTestRun(String id, String service, String scenario, String version, RunStatus status,
                          Instant recordedAt, LoadTestResult result, List<ServiceMetric> serviceMetrics) {
    /** What service, scenario and version names may hold, as deployment markers allow. */
    public static final String NAME_PATTERN = "[A-Za-z0-9._\\-:/@]{1,200}";

    public LoadTestRun {
        serviceMetrics = List.copyOf(serviceMetrics);
    }

    /** The same run with an id and time given by the store. */
    public LoadTestRun recorded(String newId, Instant at) {
        return new LoadTestRun(newId, service, scenario, version, status, at, result, serviceMetrics);
    }
}
