package io.shipwatch.dora;

import io.shipwatch.core.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The DORA report for a window: the five figures with their levels, a weekly series for trends, and the lists behind
 * the numbers. A figure without data is null (never a zero that looks good).
 */
public record DoraReport(DoraMetrics metrics, List<Week> weeks, List<FailedDeployment> failedDeployments,
                         List<Change> slowestChanges) {

    /** The five figures over one window. */
    public record DoraMetrics(TimeWindow window, DeploymentFrequency deploymentFrequency, LeadTime leadTimeForChanges,
                              FailureRate changeFailureRate, Restore timeToRestore, Recovery failedDeploymentRecoveryTime) {
        public String levelsFrom() {
            return Level.SOURCE;
        }
    }

    /** Deployments counted in the window, per day and week, and the median deployment days per ISO week. */
    public record DeploymentFrequency(int deployments, double perDay, double perWeek,
                                      double deploymentDaysPerWeekMedian, Level level) {
    }

    /** Changes first shipped in the window, with the median and nearest-rank p90 of their lead times. */
    public record LeadTime(int changes, Double medianHours, Double p90Hours, Level level) {
    }

    /** Deployments in the window, how many failed, and the ratio (null without deployments). */
    public record FailureRate(int deployments, int failed, Double rate, Level level) {
    }

    /** Incidents resolved in the window and the median time from opened to resolved. */
    public record Restore(int incidents, Double medianHours, Level level) {
    }

    /** Failed deployments of the window whose remediation ended, and the median time from finish to remediation. */
    public record Recovery(int failures, Double medianHours, Level level) {
    }

    /** One ISO week (Monday, UTC) of the trend, clipped to the report's window. */
    public record Week(LocalDate weekStart, DoraMetrics metrics) {
    }

    /** Why a deployment counts as failed: {@code rolled_back}, {@code fixed_by}, {@code incident}, {@code gate}, {@code canary}. */
    public record Reason(String kind, String detail, String ref) {
    }

    /** A failed deployment: its reasons and when its remediation ended (null while it has not). */
    public record FailedDeployment(String deploymentId, String service, String environment, String version,
                                   Instant finishedAt, List<Reason> reasons, Instant recoveredAt, Double recoveryHours) {
    }

    /** One change's way to production: its start (commit time, or its pull request's first commit) to the deployment. */
    public record Change(String sha, String service, String environment, String deploymentId, String version,
                         Instant startedAt, Instant deployedAt, double leadHours, String message, boolean fromPullRequest) {
    }
}
