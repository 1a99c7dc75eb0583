package io.shipwatch.dora;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report as the API, the CLI and the UI show it: nested maps in the documented JSON shape, figures rounded
 * (hours and per-day rates to 3 decimals, rates to 4), and explicit nulls where there is no data.
 */
public final class DoraView {
    private DoraView() {
    }

    /** {@code {"window":…,"deploymentFrequency":…,…,"levelsFrom":"DORA 2023"}}. */
    public static Map<String, Object> metrics(DoraReport.DoraMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window", Map.of("from", m.window().from().toString(), "to", m.window().to().toString()));
        DoraReport.DeploymentFrequency f = m.deploymentFrequency();
        out.put("deploymentFrequency", map("deployments", f.deployments(), "perDay", round(f.perDay(), 3),
                "perWeek", round(f.perWeek(), 3), "deploymentDaysPerWeekMedian", round(f.deploymentDaysPerWeekMedian(), 3),
                "level", level(f.level())));
        DoraReport.LeadTime l = m.leadTimeForChanges();
        out.put("leadTimeForChanges", map("changes", l.changes(), "medianHours", round(l.medianHours(), 3),
                "p90Hours", round(l.p90Hours(), 3), "level", level(l.level())));
        DoraReport.FailureRate c = m.changeFailureRate();
        out.put("changeFailureRate", map("deployments", c.deployments(), "failed", c.failed(),
                "rate", round(c.rate(), 4), "level", level(c.level())));
        DoraReport.Restore r = m.timeToRestore();
        out.put("timeToRestore", map("incidents", r.incidents(), "medianHours", round(r.medianHours(), 3),
                "level", level(r.level())));
        DoraReport.Recovery v = m.failedDeploymentRecoveryTime();
        out.put("failedDeploymentRecoveryTime", map("failures", v.failures(), "medianHours", round(v.medianHours(), 3),
                "level", level(v.level())));
        out.put("levelsFrom", m.levelsFrom());
        return out;
    }

    /** The metrics plus {@code weeks}, {@code failedDeployments} and {@code slowestChanges}. */
    public static Map<String, Object> report(DoraReport report) {
        Map<String, Object> out = metrics(report.metrics());
        out.put("weeks", report.weeks().stream().map(w -> {
            Map<String, Object> week = new LinkedHashMap<>();
            week.put("weekStart", w.weekStart().toString());
            week.putAll(metrics(w.metrics()));
            week.remove("levelsFrom");
            return week;
        }).toList());
        out.put("failedDeployments", report.failedDeployments().stream().map(d -> map("deploymentId", d.deploymentId(),
                "service", d.service(), "environment", d.environment(), "version", d.version(),
                "finishedAt", d.finishedAt().toString(),
                "reasons", d.reasons().stream().map(r -> map("kind", r.kind(), "detail", r.detail(), "ref", r.ref()))
                        .toList(),
                "recoveredAt", d.recoveredAt() == null ? null : d.recoveredAt().toString(),
                "recoveryHours", round(d.recoveryHours(), 3))).toList());
        out.put("slowestChanges", report.slowestChanges().stream().map(c -> map("sha", c.sha(), "service", c.service(),
                "environment", c.environment(), "deploymentId", c.deploymentId(), "version", c.version(),
                "startedAt", c.startedAt().toString(), "deployedAt", c.deployedAt().toString(),
                "leadHours", round(c.leadHours(), 3), "message", c.message(), "fromPullRequest", c.fromPullRequest()))
                .toList());
        return out;
    }

    static Double round(Double value, int decimals) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    private static String level(Level level) {
        return level == null ? null : level.wireName();
    }

    // Map.of refuses nulls, and "no data" must show as null
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
