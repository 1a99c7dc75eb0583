package io.shipwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the commands that only group subcommands ({@code deploy}, {@code incident}, {@code dora}) share. */
final class ParentCommands {
    private ParentCommands() {
    }

    /** {@code command} as a ready-to-run command line writing to {@code out} and {@code err}, failures on one line. */
    static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return OneLineErrorHandler.install(commandLine);
    }

    /** The usage error for a group run without a subcommand. */
    static ParameterException missingSubcommand(CommandSpec spec) {
        return new ParameterException(spec.commandLine(), "Missing subcommand; use one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
