package io.shipwatch.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shipwatch loadtest}: reads load-test results (k6, JMeter, Locust, Gatling), compares runs, and keeps
 * baselines on the server. Holds the environment its subcommands read ({@code SHIPWATCH_SERVER}, the token).
 */
@Command(name = "loadtest",
        description = "Read load-test results of k6, JMeter, Locust and Gatling, compare a run with a baseline, and "
                + "keep baselines on the Shipwatch server.",
        subcommands = {LoadtestSummarizeCommand.class, LoadtestCompareCommand.class, LoadtestRecordCommand.class,
                LoadtestRunCommand.class})
public final class LoadtestCommand implements Callable<Integer> {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    /** The command as the shipped CLI runs it, with the process environment. */
    public LoadtestCommand() {
        this(System.getenv());
    }

    public LoadtestCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A ready-to-run {@code loadtest} command line writing to {@code out} and {@code err}, failures as one line. */
    public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LoadtestCommand(env));
        commandLine.setOut(out);
        commandLine.setErr(err);
        return OneLineErrorHandler.install(commandLine);
    }

    /** As above, with an empty environment. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(Map.of(), out, err);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand; use one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    Map<String, String> env() {
        return env;
    }
}
