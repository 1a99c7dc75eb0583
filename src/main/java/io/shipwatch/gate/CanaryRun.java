package io.shipwatch.gate;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.core.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole canary release: the spec's steps in order (set the canary's weight, pause, analyze), then promote; any
 * analysis step that ends failed, inconclusive or in error aborts and rolls back at once, since a canary that cannot
 * be shown healthy is not left serving traffic. Analyses follow {@link AnalysisRun}'s counters; each measurement
 * judges the window since the step began, at most the spec's window long. The outside world comes in through
 * {@link Ports}, so the sequencing is testable without a cluster.
 */
public final class CanaryRun {

    /** What the run needs from outside: judging a window, running actions, time, and where to report progress. */
    public interface Ports {
        CanaryJudgement judge(TimeWindow window);

        /** Runs a configured action; returns null on success, else why it failed (one line). */
        String act(String name, CanaryAction action, Map<String, String> vars);

        Instant now();

        void sleep(Duration duration) throws InterruptedException;

        /** A line of progress: a step started, a measurement, the decision. */
        void progress(Event event);
    }

    /** Something that happened in the run, for progress displays and markers. */
    public record Event(String kind, String message, CanaryJudgement judgement, AnalysisRun analysis) {
    }

    /** How a run ended. */
    public enum Ending { PROMOTED, ROLLED_BACK, ACTION_FAILED }

    /** The end of a run: how it ended, why, the analysis phase that decided (null if none did), every judgement. */
    public record Result(Ending ending, String reason, AnalysisRun.Phase cause, List<CanaryJudgement> judgements) {
    }

    private final CanarySpec spec;
    private final Ports ports;
    private final List<CanaryJudgement> judgements = new ArrayList<>();
    private int weight;

    public CanaryRun(CanarySpec spec, Ports ports) {
        this.spec = spec;
        this.ports = ports;
    }

    public Result run() throws InterruptedException {
        List<CanaryStep> steps = spec.steps().isEmpty() ? List.of(new CanaryStep.Analyze(spec.analysis())) : spec.steps();
        for (int i = 0; i < steps.size(); i++) {
            CanaryStep step = steps.get(i);
            String at = "step " + (i + 1) + "/" + steps.size();
            if (step instanceof CanaryStep.SetWeight w) {
                weight = w.percent();
                ports.progress(new Event("setWeight", at + ": canary weight " + weight + "%", null, null));
                String failed = act("setWeight");
                if (failed != null) {
                    return rollback("setWeight action failed: " + failed, null);
                }
            } else if (step instanceof CanaryStep.Pause p) {
                ports.progress(new Event("pause", at + ": pause " + Times.human(p.duration()), null, null));
                ports.sleep(p.duration());
            } else if (step instanceof CanaryStep.Analyze a) {
                AnalysisRun analysis = analyze(at, a.limits());
                if (analysis.phase() != AnalysisRun.Phase.SUCCESSFUL) {
                    CanaryJudgement last = judgements.get(judgements.size() - 1);
                    return rollback("analysis " + analysis.phase().name().toLowerCase(java.util.Locale.ROOT) + " at "
                            + at + " (" + analysis.summary() + "); last judgement: " + last.reason(), analysis.phase());
                }
            }
        }
        String failed = act("promote");
        if (failed != null) {
            ports.progress(new Event("decision", "promote action failed: " + failed, null, null));
            return new Result(Ending.ACTION_FAILED, "every analysis passed, but the promote action failed: " + failed,
                    null, judgements);
        }
        ports.progress(new Event("decision", "promoted", null, null));
        return new Result(Ending.PROMOTED, "every analysis passed; promoted", null, judgements);
    }

    private AnalysisRun analyze(String at, AnalysisLimits limits) throws InterruptedException {
        Instant stepStart = ports.now();
        AnalysisRun run = AnalysisRun.start(limits);
        ports.progress(new Event("analyze", at + ": analysis, " + limits.count() + " measurements every "
                + Times.human(limits.interval()), null, run));
        while (run.phase() == AnalysisRun.Phase.RUNNING) {
            ports.sleep(limits.interval());
            Instant now = ports.now();
            Instant from = now.minus(spec.window()).isAfter(stepStart) ? now.minus(spec.window()) : stepStart;
            CanaryJudgement j = ports.judge(new TimeWindow(from, now));
            judgements.add(j);
            run = run.record(AnalysisRun.measured(j));
            ports.progress(new Event("measurement", j.decision().wireName() + " (score " + Numbers.format(j.score())
                    + "): " + j.reason() + " | " + run.summary(), j, run));
        }
        return run;
    }

    private Result rollback(String why, AnalysisRun.Phase cause) {
        ports.progress(new Event("decision", "rolling back: " + why, null, null));
        String failed = act("rollback");
        if (failed != null) {
            return new Result(Ending.ACTION_FAILED, why + "; the rollback action failed: " + failed, cause, judgements);
        }
        return new Result(Ending.ROLLED_BACK, why, cause, judgements);
    }

    private String act(String name) {
        CanaryAction action = spec.actions().get(name);
        if (action == null) {
            return null;
        }
        Map<String, String> vars = new HashMap<>(spec.canaryVars());
        vars.put("weight", Integer.toString(weight));
        return ports.act(name, action, vars);
    }
}
