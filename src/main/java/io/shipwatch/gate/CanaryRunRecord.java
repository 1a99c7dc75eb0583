package io.shipwatch.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Follows a {@link CanaryRun}'s progress events and builds its stored form: each step as it ran (the weight in
 * effect, a pause's length, an analysis's phase, counters and judgements), then how the run ended. A step event starts
 * the spec's next step, as the run takes them in order.
 */
public final class CanaryRunRecord {
    private final CanarySpec spec;
    private final List<CanaryStep> planned;
    private final List<CanaryAnalysis.Step> steps = new ArrayList<>();
    private final List<CanaryAnalysis.Judged> judged = new ArrayList<>();
    private Integer weight;
    private String phase;
    private String summary;
    private int next;
    private boolean analyzing;

    public CanaryRunRecord(CanarySpec spec) {
        this.spec = spec;
        this.planned = spec.steps().isEmpty() ? List.of(new CanaryStep.Analyze(spec.analysis())) : spec.steps();
    }

    /** Takes one progress event of the run. */
    public void on(CanaryRun.Event event) {
        switch (event.kind()) {
            case "setWeight", "pause", "analyze" -> start(event);
            case "measurement" -> {
                judged.add(CanaryAnalysis.judged(event.judgement()));
                phase = event.analysis().phase().name().toLowerCase(Locale.ROOT);
                summary = event.analysis().summary();
            }
            default -> { }
        }
    }

    /** The stored form of the ended run. */
    public CanaryAnalysis finish(String id, CanaryRun.Result result, String environment, String deploymentId,
            Instant startedAt, Instant finishedAt) {
        closeAnalysis();
        String outcome = result.ending().name().toLowerCase(Locale.ROOT);
        Double score = null;
        for (CanaryAnalysis.Step s : steps) {
            if (!s.judgements().isEmpty()) {
                score = s.judgements().get(s.judgements().size() - 1).score();
            }
        }
        return new CanaryAnalysis(id, spec.name(), spec.service(), environment, spec.canaryVars().get("version"),
                deploymentId, "run", outcome, result.reason(), score, spec.confidence(), startedAt, finishedAt, steps);
    }

    private void start(CanaryRun.Event event) {
        closeAnalysis();
        CanaryStep step = next < planned.size() ? planned.get(next) : null;
        next++;
        if (step instanceof CanaryStep.SetWeight w) {
            weight = w.percent();
            steps.add(new CanaryAnalysis.Step("setWeight", weight, null, null, null, List.of()));
        } else if (step instanceof CanaryStep.Pause p) {
            steps.add(new CanaryAnalysis.Step("pause", weight, p.duration().toMillis(), null, null, List.of()));
        } else {
            analyzing = true;
            phase = "running";
            summary = event.analysis() == null ? null : event.analysis().summary();
        }
    }

    private void closeAnalysis() {
        if (analyzing) {
            steps.add(new CanaryAnalysis.Step("analyze", weight, null, phase, summary, judged));
            judged.clear();
            analyzing = false;
        }
    }
}
