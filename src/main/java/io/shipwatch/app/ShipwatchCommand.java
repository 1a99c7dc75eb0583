package io.shipwatch.app;

import io.shipwatch.core.InputException;
import io.shipwatch.store.StoreException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code shipwatch}: the root command; every capability is a subcommand. */
@Command(name = "shipwatch",
        mixinStandardHelpOptions = true,
        versionProvider = ShipwatchCommand.Version.class,
        description = "Observability for CI/CD: deployment markers on your graphs, pipeline traces, performance "
                + "baselines, quality gates and DORA metrics.",
        subcommands = {ServerCommand.class, CommandLine.HelpCommand.class})
public final class ShipwatchCommand implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int UNREACHABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The whole command tree, with errors printed as one line and mapped to exit codes. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = new CommandLine(new ShipwatchCommand(), new Factory(env));
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("shipwatch: " + e.getMessage().lines().findFirst().orElse("bad usage")
                    + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            PrintWriter err = commandLine.getErr();
            int code;
            if (e instanceof InputException) {
                err.println("shipwatch: " + e.getMessage());
                code = BAD_INPUT;
            } else if (e instanceof StoreException) {
                err.println("shipwatch: " + e.getMessage());
                code = UNREACHABLE;
            } else {
                err.println("shipwatch: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                code = FAILED;
            }
            err.flush();
            return code;
        });
        return cl;
    }

    /** Creates commands that take the process environment in their constructor. */
    private record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
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
