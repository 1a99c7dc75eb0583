package io.shipwatch.app;

import io.shipwatch.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code shipwatch gate}: quality gates that ask the metrics backend before a release goes on. */
@Command(name = "gate",
        description = "Quality gates: evaluate objectives on your metrics and pass, warn or fail a release.",
        subcommands = {GateEvaluateCommand.class})
public final class GateCommand implements Runnable {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
