package io.shipwatch.app;

import io.javalin.util.JavalinBindException;
import io.shipwatch.cli.ApiException;
import io.shipwatch.cli.DeployCommand;
import io.shipwatch.cli.DoraCommand;
import io.shipwatch.cli.ExecCommand;
import io.shipwatch.cli.ExitCode;
import io.shipwatch.cli.IncidentCommand;
import io.shipwatch.cli.LoadtestCommand;
import io.shipwatch.cli.OneLineErrorHandler;
import io.shipwatch.cli.PipelineCommand;
import io.shipwatch.otel.OtlpTraceExport;
import io.shipwatch.store.StoreException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;

/** {@code shipwatch}: the root command; every capability is a subcommand. */
@Command(name = "shipwatch",
        mixinStandardHelpOptions = true,
        versionProvider = ShipwatchCommand.Version.class,
        description = "Observability for CI/CD: deployment markers on your graphs, pipeline traces, performance "
                + "baselines, quality gates and DORA metrics.",
        subcommands = {ServerCommand.class, DemoCommand.class, DeployCommand.class, PipelineCommand.class,
                ExecCommand.class, GateCommand.class, CanaryCommand.class, LoadtestCommand.class, IncidentCommand.class, DoraCommand.class,
                CommandLine.HelpCommand.class})
public final class ShipwatchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The whole command tree, with every failure printed as one line and mapped to an exit code. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = new CommandLine(new ShipwatchCommand(), new Factory(env));
        OneLineErrorHandler.install(cl);
        IExecutionExceptionHandler oneLine = cl.getExecutionExceptionHandler();
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof StoreException) {
                return oneLine.handleExecutionException(new ApiException(ExitCode.UNREACHABLE, e.getMessage()),
                        commandLine, parsed);
            }
            if (e instanceof JavalinBindException) {
                return oneLine.handleExecutionException(new ApiException(ExitCode.REFUSED, "cannot listen: "
                        + e.getMessage() + "; is another server running there? pick another --port"), commandLine, parsed);
            }
            return oneLine.handleExecutionException(e, commandLine, parsed);
        });
        return cl;
    }

    /** Creates commands that take the process environment in their constructor. */
    private record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == PipelineCommand.class) {
                return cls.cast(new PipelineCommand(env, java.time.Clock.systemUTC(), new OtlpTraceExport()));
            }
            try {
                return cls.getDeclaredConstructor(Map.class).newInstance(env);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    /** The version in the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"shipwatch " + version(), "Java " + System.getProperty("java.version")};
        }
    }

    public static String version() {
        String v = ShipwatchCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
