package io.shipwatch.app;

import io.shipwatch.core.NotFoundException;
import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.BaselineSource;
import io.shipwatch.gate.GateEvaluations;
import io.shipwatch.gate.GateEvaluator;
import io.shipwatch.gate.GateRun;
import io.shipwatch.gate.GateRunStore;
import io.shipwatch.gate.GateSpec;
import io.shipwatch.gate.GateSpecParser;
import io.shipwatch.gate.GateVerdict;
import io.shipwatch.gate.PreviousResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The gates a server evaluates on request: {@code NAME.yaml} in the directory given by {@code server --gates DIR},
 * evaluated with the caller's variables and baselines from the stored results; results are stored when the caller
 * writes (POST), never on a read.
 */
final class ServerGates implements GateEvaluations {
    /** How many stored results are read to find a baseline. */
    static final int HISTORY = 50;

    private final Path dir;
    private final GateRunStore store;
    private final Clock clock;

    ServerGates(Path dir, GateRunStore store, Clock clock) {
        this.dir = dir;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public GateVerdict evaluate(String name, Map<String, String> vars, TimeWindow window, boolean save) {
        if (dir == null) {
            throw new NotFoundException("name", "this server holds no gates", "start it with --gates DIR, a directory "
                    + "of gate specs named NAME.yaml");
        }
        Path file = name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}") ? dir.resolve(name + ".yaml") : null;
        if (file == null || !Files.isRegularFile(file)) {
            throw new NotFoundException("name", "no gate '" + name + "' on this server", "add " + name + ".yaml to "
                    + dir);
        }
        GateSpec spec = GateSpecParser.parse(SpecFiles.read(file, "gate " + name, "a gate spec"), file.toString(), vars);
        TimeWindow w = window != null ? window : TimeWindow.ending(clock.instant(), spec.window());
        GateVerdict verdict = new GateEvaluator(MetricsProviders.forSpec(spec.provider(), System.getenv()))
                .evaluate(spec, w, baselines(store, spec));
        if (!save) {
            return verdict;
        }
        store.save(GateRun.of(UUID.randomUUID().toString(), verdict, spec.vars().get("service"),
                spec.vars().get("environment"), spec.vars().get("version"), spec.vars().get("deploymentId"),
                clock.instant()));
        return verdict;
    }

    /** Earlier results of the same gate for the same service and environment, as Keptn's comparison. */
    static BaselineSource baselines(GateRunStore store, GateSpec spec) {
        if (spec.baseline().pinned()) {
            return BaselineSource.NONE;
        }
        return new PreviousResults(store.recent(spec.name(), spec.vars().get("service"), spec.vars().get("environment"),
                HISTORY), spec.baseline());
    }
}
