package io.shipwatch.cli;

import io.shipwatch.cli.exec.ExecMain;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shipwatch exec}'s entry in the command tree, for the top-level help and {@code shipwatch help exec}. The
 * launcher and {@code Main} send {@code exec} straight to the lean {@link ExecMain}, which this delegates to as well.
 */
@Command(name = "exec",
        description = {"Run a command as a span of the open pipeline run (TRACEPARENT, else the run 'shipwatch pipeline "
                + "start' opened) and exit with its exit code (127: not found). Stdin, stdout and stderr are the "
                + "command's own; the span leaves at 'shipwatch pipeline finish'."},
        footer = {"", "Example:", "  shipwatch exec --name tests --attr suite=unit -- mvn -q test"})
public final class ExecCommand implements Callable<Integer> {
    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--name", paramLabel = "NAME", description = "The step's name (default: the command line).")
    String name;

    @Option(names = "--attr", paramLabel = "KEY=VALUE", description = "A span attribute; repeatable.")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "The command and its arguments, after '--'.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        if (name != null) {
            args.add("--name=" + name);
        }
        attributes.forEach((k, v) -> args.add("--attr=" + k + "=" + v));
        args.add("--");
        args.addAll(command);
        return ExecMain.execute(args.toArray(String[]::new));
    }
}
