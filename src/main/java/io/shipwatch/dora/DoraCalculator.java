package io.shipwatch.dora;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.markers.Deployment;
import io.shipwatch.stats.Percentiles;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the DORA report from what Shipwatch recorded, following the definitions in the README: pure, no I/O.
 * Build it once from the input (per-unit facts), then ask for any window.
 */
public final class DoraCalculator {
    /** How many of the slowest changes the drill-down lists. */
    public static final int SLOWEST_CHANGES = 20;

    private final List<UnitHistory.Counted> counted = new ArrayList<>();
    private final List<DoraReport.Change> changes = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();

    public DoraCalculator(DoraInput input, DoraSettings settings) {
        Map<String, List<Deployment>> byUnit = new LinkedHashMap<>();
        Map<String, String> unitOf = new HashMap<>();
        for (Deployment d : input.deployments()) {
            if (settings.isProduction(d.environment())) {
                byUnit.computeIfAbsent(unit(d.service(), d.environment()), k -> new ArrayList<>()).add(d);
                unitOf.put(d.id(), unit(d.service(), d.environment()));
            }
        }
        Map<String, List<Incident>> incidentsByUnit = new HashMap<>();
        for (Incident i : input.incidents()) {
            // an incident linked explicitly belongs with its deployment; others with their own service and environment
            String unit = i.deploymentId() != null && unitOf.containsKey(i.deploymentId()) ? unitOf.get(i.deploymentId())
                    : unit(i.service(), i.environment());
            incidentsByUnit.computeIfAbsent(unit, k -> new ArrayList<>()).add(i);
            if (settings.isProduction(i.environment())) {
                incidents.add(i);
            }
        }
        Map<String, List<FailedCheck>> checks = new HashMap<>();
        input.failedChecks().forEach(c -> checks.computeIfAbsent(c.deploymentId(), k -> new ArrayList<>()).add(c));
        byUnit.forEach((unit, deployments) -> {
            UnitHistory history = new UnitHistory(deployments, incidentsByUnit.getOrDefault(unit, List.of()), checks,
                    input.changeStarts(), settings.incidentLinkWindow());
            counted.addAll(history.counted());
            changes.addAll(history.changes());
        });
    }

    /** The full report for {@code window}: figures, weekly series and drill-down lists. */
    public DoraReport report(TimeWindow window) {
        List<DoraReport.Week> weeks = new ArrayList<>();
        for (LocalDate monday : weekStarts(window)) {
            Instant from = max(monday.atStartOfDay(ZoneOffset.UTC).toInstant(), window.from());
            Instant to = min(monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant(), window.to());
            weeks.add(new DoraReport.Week(monday, metrics(new TimeWindow(from, to))));
        }
        List<DoraReport.FailedDeployment> failed = counted.stream()
                .filter(c -> c.failed() && window.contains(c.deployment().finishedAt()))
                .sorted(Comparator.comparing((UnitHistory.Counted c) -> c.deployment().finishedAt()).reversed())
                .map(DoraCalculator::failedDeployment)
                .toList();
        List<DoraReport.Change> slowest = changes.stream().filter(c -> window.contains(c.deployedAt()))
                .sorted(Comparator.comparingDouble(DoraReport.Change::leadHours).reversed()
                        .thenComparing(DoraReport.Change::sha))
                .limit(SLOWEST_CHANGES)
                .toList();
        return new DoraReport(metrics(window), weeks, failed, slowest);
    }

    /** The five figures over {@code window}. */
    public DoraReport.DoraMetrics metrics(TimeWindow window) {
        List<UnitHistory.Counted> inWindow = counted.stream().filter(c -> window.contains(c.deployment().finishedAt()))
                .toList();
        double[] leads = changes.stream().filter(c -> window.contains(c.deployedAt()))
                .mapToDouble(DoraReport.Change::leadHours).toArray();
        double[] restores = incidents.stream().filter(i -> i.resolvedAt() != null && window.contains(i.resolvedAt()))
                .mapToDouble(i -> Level.hours(i.timeToRestore())).toArray();
        double[] recoveries = inWindow.stream().filter(c -> c.failed() && c.recoveredAt() != null)
                .mapToDouble(c -> Level.hours(Duration.between(c.deployment().finishedAt(), c.recoveredAt()))).toArray();
        int failed = (int) inWindow.stream().filter(UnitHistory.Counted::failed).count();
        Double rate = inWindow.isEmpty() ? null : (double) failed / inWindow.size();
        Double leadMedian = median(leads);
        Double restoreMedian = median(restores);
        Double recoveryMedian = median(recoveries);
        return new DoraReport.DoraMetrics(window, frequency(inWindow, window),
                new DoraReport.LeadTime(leads.length, leadMedian, p90(leads),
                        Level.ofLeadTime(leadMedian)),
                new DoraReport.FailureRate(inWindow.size(), failed, rate, Level.ofFailureRate(rate)),
                new DoraReport.Restore(restores.length, restoreMedian, Level.ofRestore(restoreMedian)),
                new DoraReport.Recovery(recoveries.length, recoveryMedian, Level.ofRestore(recoveryMedian)));
    }

    private static DoraReport.DeploymentFrequency frequency(List<UnitHistory.Counted> inWindow, TimeWindow window) {
        double days = window.length().toMillis() / 86_400_000.0;
        Set<LocalDate> deploymentDays = new HashSet<>();
        inWindow.forEach(c -> deploymentDays.add(LocalDate.ofInstant(c.deployment().finishedAt(), ZoneOffset.UTC)));
        // deployment days per ISO week, over every week the window touches (only its days inside the window count)
        List<LocalDate> mondays = weekStarts(window);
        double[] perWeek = new double[mondays.size()];
        for (LocalDate day : deploymentDays) {
            perWeek[mondays.indexOf(monday(day))]++;
        }
        Double median = median(perWeek);
        double weekMedian = median == null ? 0 : median;
        int n = inWindow.size();
        return new DoraReport.DeploymentFrequency(n, days == 0 ? 0 : n / days, days == 0 ? 0 : n / days * 7,
                weekMedian, Level.ofFrequency(weekMedian, deploymentDays.size(), days));
    }

    /** The Mondays (UTC) of the ISO weeks that overlap {@code window}, oldest first. */
    static List<LocalDate> weekStarts(TimeWindow window) {
        List<LocalDate> mondays = new ArrayList<>();
        if (window.length().isZero()) {
            return mondays;
        }
        LocalDate last = LocalDate.ofInstant(window.to().minusMillis(1), ZoneOffset.UTC);
        for (LocalDate m = monday(LocalDate.ofInstant(window.from(), ZoneOffset.UTC)); !m.isAfter(last); m = m.plusWeeks(1)) {
            mondays.add(m);
        }
        return mondays;
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static DoraReport.FailedDeployment failedDeployment(UnitHistory.Counted c) {
        Deployment d = c.deployment();
        Double hours = c.recoveredAt() == null ? null : Level.hours(Duration.between(d.finishedAt(), c.recoveredAt()));
        return new DoraReport.FailedDeployment(d.id(), d.service(), d.environment(), d.version(), d.finishedAt(),
                c.reasons(), c.recoveredAt(), hours);
    }

    // no values is no data: null, never NaN or a zero that looks good
    private static Double median(double[] values) {
        return values.length == 0 ? null : Percentiles.median(values);
    }

    private static Double p90(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return values.length == 0 ? null : Percentiles.nearestRank(sorted, 0.9);
    }

    private static String unit(String service, String environment) {
        return service + "\u0000" + environment;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
