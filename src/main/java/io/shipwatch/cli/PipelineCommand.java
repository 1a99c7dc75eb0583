package io.shipwatch.cli;

import io.shipwatch.ci.CiContext;
import io.shipwatch.ci.CiEnvironment;
import io.shipwatch.cli.exec.Spool;
import io.shipwatch.pipeline.TraceExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shipwatch pipeline}: traces a CI run. {@code start} opens the run, {@code shipwatch exec} (a lean entry
 * point of its own) records each step, {@code status} shows the steps so far, {@code finish} closes and exports it,
 * {@code import} reads finished runs. Holds what the subcommands share: environment, clock, spool and exporter.
 */
@Command(name = "pipeline",
        description = "Trace a CI run as OpenTelemetry spans: start it, wrap steps with 'shipwatch exec', finish and export it.",
        subcommands = {PipelineStartCommand.class, PipelineStatusCommand.class, PipelineFinishCommand.class})
public final class PipelineCommand implements Callable<Integer> {

    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;
    private final TraceExport export;

    public PipelineCommand(Map<String, String> env, Clock clock, TraceExport export) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.export = export;
    }

    /** A ready-to-run {@code pipeline} command line, failures reported as one line and an {@link ExitCode}. */
    public static CommandLine commandLine(Map<String, String> env, Clock clock, TraceExport export,
                                          PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PipelineCommand(env, clock, export));
        commandLine.setOut(out);
        commandLine.setErr(err);
        return OneLineErrorHandler.install(commandLine);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand; use one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    Map<String, String> env() {
        return env;
    }

    long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    CiContext ci() {
        return CiEnvironment.detect(env);
    }

    Spool spool(Path flag) {
        return flag != null ? new Spool(flag) : Spool.of(env);
    }

    TraceExport export() {
        return export;
    }
}
