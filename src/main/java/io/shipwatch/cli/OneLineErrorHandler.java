package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure of a command into one line on stderr and the matching {@link ExitCode}, never a stack trace:
 * picocli's usage errors and {@link InputException} exit 2, {@link ApiException} exits with its own code, anything
 * else is a bug and exits 70. Installed on the root {@link CommandLine} by {@link #install}.
 */
public final class OneLineErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Makes {@code commandLine} (and the subcommands it runs) report failures through this handler. */
    public static CommandLine install(CommandLine commandLine) {
        OneLineErrorHandler handler = new OneLineErrorHandler();
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setExecutionExceptionHandler(handler);
        return commandLine;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        // picocli 4.7 says "Value for option option '--tag' ..." for a bad map entry
        String message = String.valueOf(ex.getMessage()).replace("option option '", "option '");
        print(command, ApiClient.oneLine(message) + "; see '" + command.getCommandSpec().qualifiedName() + " --help'");
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        if (ex instanceof ApiException api) {
            print(command, api.getMessage());
            return api.exitCode();
        }
        if (ex instanceof InputException input) {
            print(command, input.getMessage());
            return ExitCode.USAGE;
        }
        String what = ex.getMessage() == null ? ex.getClass().getName() : ex.getClass().getName() + ": " + ex.getMessage();
        print(command, command.getCommandSpec().qualifiedName() + ": unexpected " + ApiClient.oneLine(what)
                + "; this is a bug in shipwatch, please report it with the command you ran");
        return ExitCode.INTERNAL;
    }

    private static void print(CommandLine command, String line) {
        PrintWriter err = command.getErr();
        err.println(line.replaceAll("[\\r\\n]+", " "));
        err.flush();
    }
}
