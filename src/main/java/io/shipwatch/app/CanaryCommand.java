package io.shipwatch.app;

import io.shipwatch.cli.HelpOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code shipwatch canary}: judge a canary against its baseline, or run a whole canary release. */
@Command(name = "canary",
        description = "Canary analysis: compare the canary's metrics with the baseline's (Mann-Whitney), and promote "
                + "or roll back.",
        subcommands = {CanaryJudgeCommand.class, CanaryRunCommand.class})
public final class CanaryCommand implements Runnable {
    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
