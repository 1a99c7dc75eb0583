package io.shipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.core.InputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

class OneLineErrorHandlerTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Stands in for the real root command: fails the way it is told to. */
    @Command(name = "shipwatch")
    static final class Root implements Callable<Integer> {
        @Parameters(defaultValue = "ok")
        String failure;

        @Override
        public Integer call() throws Exception {
            return switch (failure) {
                case "input" -> throw new InputException("shipwatch.yaml:12", "gate 'checkout' uses provider 'promethus'",
                        "known providers: prometheus, datadog");
                case "api" -> throw new ApiException(ExitCode.UNREACHABLE, "cannot reach server http://127.0.0.1:9: x");
                case "bug" -> throw new IllegalStateException("window\nstarts after it ends");
                default -> ExitCode.OK;
            };
        }
    }

    private int run(CommandLine commandLine, String... args) {
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return OneLineErrorHandler.install(commandLine).execute(args);
    }

    @Test
    void inputExceptionExits2() {
        assertThat(run(new CommandLine(new Root()), "input")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo(
                "shipwatch.yaml:12: gate 'checkout' uses provider 'promethus'; known providers: prometheus, datadog\n");
    }

    @Test
    void apiExceptionExitsWithItsOwnCode() {
        assertThat(run(new CommandLine(new Root()), "api")).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).isEqualTo("cannot reach server http://127.0.0.1:9: x\n");
    }

    @Test
    void anythingElseIsABugReportedOnOneLine() {
        assertThat(run(new CommandLine(new Root()), "bug")).isEqualTo(ExitCode.INTERNAL);
        assertThat(err.toString()).isEqualTo("shipwatch: unexpected java.lang.IllegalStateException: window starts "
                + "after it ends; this is a bug in shipwatch, please report it with the command you ran\n");
    }

    @Test
    void deployUnderTheRootNamesTheWholeCommandInUsageErrors() {
        CommandLine root = new CommandLine(new Root());
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T14:04:00Z"), ZoneOffset.UTC);
        root.addSubcommand(new DeployCommand(Map.of(), clock));

        int exit = run(root, "deploy", "finish");

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("Missing required option: '--id=ID'; see 'shipwatch deploy finish --help'\n");
    }

    @Test
    void deployDeclaredByClassUsesTheProcessEnvironment() {
        @Command(name = "shipwatch", subcommands = DeployCommand.class)
        final class DeclaringRoot {
        }

        int exit = run(new CommandLine(new DeclaringRoot()), "deploy", "start", "--help");

        assertThat(exit).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("Usage: shipwatch deploy start ");
    }
}
