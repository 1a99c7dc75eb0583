package io.shipwatch.loadtest;

/**
 * One of the service's own metrics over a load test's window, as its metrics backend saw it (a graph panel such as
 * CPU, memory, server-side p95 or error ratio): the mean and maximum of its points, or the backend's error.
 */
public record ServiceMetric(String id, String title, String unit, Double mean, Double max, String error) {
}
