package io.shipwatch.pipeline;

import java.util.List;

/**
 * One JUnit XML report (Maven Surefire, Gradle, pytest, jest): its suites and their cases, as the report states them.
 * Durations are the report's own {@code time} attributes.
 */
public record TestReport(String source, List<Suite> suites) {

    /** How a test case ended; {@code FLAKY} passed after failing reruns (Surefire's flakyFailure/flakyError). */
    public enum Outcome { PASSED, FAILED, ERROR, SKIPPED, FLAKY }

    public record Suite(String name, long durationNanos, List<Case> cases) {
    }

    /** A case; {@code reruns} counts Surefire's flaky and rerun elements, {@code message} the first failure's. */
    public record Case(String name, String className, long durationNanos, Outcome outcome, String message, int reruns) {
    }
}
