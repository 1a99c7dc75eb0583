package io.shipwatch.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shipwatch server}: serves the API, the UI and /metrics, and delivers markers to the configured sinks. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs the Shipwatch server: the JSON API under /api/v1, the web UI, /healthz, /readyz and "
                + "/metrics, and delivery of markers to Grafana, Datadog and webhooks.",
                "With no API token configured it listens on loopback only and accepts requests without a token."})
final class ServerCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1, or "
            + "0.0.0.0 when API tokens are configured).")
    String bind;

    @Option(names = "--db", paramLabel = "URL", description = "jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB "
            + "(default: SHIPWATCH_DB, then the config file, then jdbc:sqlite:.shipwatch/shipwatch.db).")
    String db;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration: tokens, sinks, metrics.")
    Path config;

    @Option(names = "--gates", paramLabel = "DIR", description = "A directory of gate specs (NAME.yaml) that the "
            + "server evaluates for Argo Rollouts and Flagger at /api/v1/gates/NAME/…. Default: SHIPWATCH_GATES.")
    Path gates;

    private final Map<String, String> env;

    ServerCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public void run() {
        Config cfg = config == null ? Config.empty() : ConfigLoader.load(config, env);
        ServerSettings settings = ServerSettings.resolve(port, bind, db, cfg, env);
        Path gatesDir = gates != null ? gates : env.get("SHIPWATCH_GATES") == null ? null
                : Path.of(env.get("SHIPWATCH_GATES"));
        if (gatesDir != null && !java.nio.file.Files.isDirectory(gatesDir)) {
            throw new io.shipwatch.core.InputException(gates != null ? "--gates" : "SHIPWATCH_GATES", "no directory "
                    + gatesDir, "give a directory of gate specs named NAME.yaml");
        }
        ShipwatchServer server = new ShipwatchServer(settings, Clock.systemUTC(),
                MetricsProviders.graphs(settings.config().metrics()), java.util.List.of(), gatesDir);
        serve(server, settings, () -> { });
    }

    /** Starts the server, says where it listens, and blocks until the process is stopped. */
    static void serve(ShipwatchServer server, ServerSettings settings, Runnable onStarted) {
        int actualPort = server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shipwatch-shutdown"));
        LOG.info("Shipwatch {} {} (store: {})", ShipwatchCommand.version(), listening(settings.bind(), actualPort),
                io.shipwatch.store.Database.redact(settings.db()));
        if (settings.tokens().isEmpty()) {
            LOG.warn("No API token configured: local mode, loopback only, requests need no token. "
                    + "Set SHIPWATCH_TOKEN or tokens: in --config to serve a team.");
        }
        onStarted.run();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where the server listens, as bound: a wildcard bind says so, with the local URL to open. */
    static String listening(String bind, int port) {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        if (bind.equals("0.0.0.0") || bind.equals("::")) {
            return "listening on " + host + ":" + port + " (all interfaces; locally http://127.0.0.1:" + port + ")";
        }
        return "listening on http://" + host + ":" + port;
    }
}
