package io.shipwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch pipeline import}: turns a finished CI run into a trace and exports it. */
@Command(name = "import", description = "Import a finished CI run as a trace and export it, as 'pipeline finish' does.",
        subcommands = {PipelineImportGitHubCommand.class, PipelineImportGitLabCommand.class,
                PipelineImportJUnitCommand.class})
final class PipelineImportCommand implements Callable<Integer> {
    @ParentCommand
    PipelineCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand; use one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
