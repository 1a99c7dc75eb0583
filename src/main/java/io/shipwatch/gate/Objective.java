package io.shipwatch.gate;

/**
 * One objective of a gate: a query, how its points become a value, and the pass/warning criteria. No pass criteria
 * makes it informational (shown, never scored).
 */
public record Objective(String name, String query, Aggregate aggregate, Criteria pass, Criteria warning, double weight,
        boolean key, NoDataPolicy noData, String where) {

    public boolean informational() {
        return pass.isEmpty();
    }
}
