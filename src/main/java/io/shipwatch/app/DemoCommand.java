package io.shipwatch.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shipwatch demo}: a server on a fresh SQLite file, filled with a labelled demo, graphs from demo data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts a local server filled with a demo: four services, 60 days of deployments, and a bad "
                + "checkout release two hours ago whose error spike ends with its rollback; the CI runs that "
                + "built those commits; and load tests of the last 12 builds, where the bad release failed.",
                "Graphs come from built-in synthetic series (labelled demo data). The demo lives in its own file, "
                        + ".shipwatch/demo.db, made afresh on every start; your real store is not touched."})
final class DemoCommand implements Runnable {
    static final Path DEMO_DB = Path.of(".shipwatch", "demo.db");

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Override
    public void run() {
        deleteDemoFiles();
        Clock clock = Clock.systemUTC();
        DemoData demo = new DemoData(clock.instant());
        ServerSettings settings = ServerSettings.resolve(port, "127.0.0.1", "jdbc:sqlite:" + DEMO_DB, Config.empty(),
                Map.of());
        ShipwatchServer server = demo.server(settings, clock);
        DemoData.Filled filled = demo.fill(server);
        System.out.println("Shipwatch demo: " + filled.deployments() + " demo deployments of "
                + String.join(", ", DemoData.SERVICES) + " (tagged demo=true), " + filled.pipelineRuns()
                + " pipeline runs, " + filled.loadTests() + " load-test runs and " + filled.verdicts() + " verdicts.");
        ServerCommand.serve(server, settings, () -> System.out.println("Open http://127.0.0.1:" + server.port()
                + "/?service=" + DemoData.BAD_SERVICE + " to see the bad release, its error spike and its rollback, "
                + "/?page=verdicts for gate and canary verdicts, /?page=dora for the DORA metrics, /pipelines.html for CI runs "
                + "and /?loadtest=checkout&scenario=peak for load tests."));
    }

    private static void deleteDemoFiles() {
        for (String suffix : List.of("", "-wal", "-shm")) {
            try {
                Files.deleteIfExists(Path.of(DEMO_DB + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the previous demo database " + DEMO_DB + suffix, e);
            }
        }
    }
}
