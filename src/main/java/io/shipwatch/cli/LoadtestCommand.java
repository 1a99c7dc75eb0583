package io.shipwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code shipwatch loadtest}: reads load-test results (k6, JMeter, Locust, Gatling) and compares runs. */
@Command(name = "loadtest",
        description = "Read load-test results of k6, JMeter, Locust and Gatling, and compare a run with a baseline.",
        subcommands = {LoadtestSummarizeCommand.class, LoadtestCompareCommand.class})
public final class LoadtestCommand implements Callable<Integer> {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    /** A ready-to-run {@code loadtest} command line writing to {@code out} and {@code err}, failures as one line. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LoadtestCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return OneLineErrorHandler.install(commandLine);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand; use one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
