package io.shipwatch.app;

import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.providers.demo.DemoProvider;
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
                + "checkout release two hours ago whose error spike ends with its rollback.",
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
        ServiceGraphs graphs = new ServiceGraphs(new DemoProvider(demo.incidents()), ServiceGraphs.DEMO_DEFAULTS, Map.of());
        ServerSettings settings = ServerSettings.resolve(port, "127.0.0.1", "jdbc:sqlite:" + DEMO_DB, Config.empty(),
                Map.of());
        ShipwatchServer server = new ShipwatchServer(settings, clock, graphs);
        int count = demo.load(server.markers());
        demo.loadIncident(server.dora());
        demo.loadGates(server);
        System.out.println("Shipwatch demo: " + count + " demo deployments of " + String.join(", ", DemoData.SERVICES)
                + " (tagged demo=true).");
        ServerCommand.serve(server, settings, () -> System.out.println("Open http://127.0.0.1:" + server.port()
                + "/?service=" + DemoData.BAD_SERVICE + " to see the bad release, its error spike and its rollback, "
                + "/?page=verdicts for its gate and canary verdicts, and /?page=dora for the DORA metrics."));
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
