package io.shipwatch.pipeline;

/** A pipeline as the pipelines list shows it: how many runs are kept and its newest run. */
public record PipelineSummary(String name, int runs, RunSummary latest) {
}
