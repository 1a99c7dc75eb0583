package io.shipwatch.app;

import io.shipwatch.dora.ChangeFailureSource;
import io.shipwatch.dora.DoraService;
import io.shipwatch.dora.webhook.WebhookIngest;
import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.http.ApiServer;
import io.shipwatch.http.DoraRoutes;
import io.shipwatch.http.DownloadRoutes;
import io.shipwatch.http.GateRoutes;
import io.shipwatch.http.LoadTestRoutes;
import io.shipwatch.http.OtlpRoutes;
import io.shipwatch.http.PipelineRoutes;
import io.shipwatch.http.VerdictRoutes;
import io.shipwatch.http.WebhookRoutes;
import io.shipwatch.loadtest.LoadTestRunStore;
import io.shipwatch.markers.DeliveryWorker;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.markers.MarkerSink;
import io.shipwatch.pipeline.PipelineService;
import io.shipwatch.store.Database;
import io.shipwatch.store.JdbcCanaryAnalysisStore;
import io.shipwatch.store.JdbcGateRunStore;
import io.shipwatch.store.JdbcLoadTestRunStore;
import io.shipwatch.store.JdbcMarkerStore;
import io.shipwatch.store.JdbcPipelineStore;
import io.shipwatch.store.JdbcWebhookStore;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The composition root of {@code shipwatch server}: the store, the sinks and their worker, the graphs and the API. */
public final class ShipwatchServer implements AutoCloseable {
    /** The OTLP receiver's body limit, as sent and once gzip-decompressed, whatever the JSON API's limit is. */
    static final long OTLP_MAX_BYTES = 16L * 1024 * 1024;
    private final Database database;
    private final DeliveryWorker worker;
    private final ApiServer api;
    private final JdbcMarkerStore store;
    private final MarkerService markers;
    private final DoraService dora;
    private final PipelineService pipelines;
    private final JdbcGateRunStore gateRuns;
    private final JdbcCanaryAnalysisStore canaries;
    private final JdbcLoadTestRunStore loadTests;
    private int port;

    /** Opens the database (migrating it) and wires everything; nothing listens until {@link #start()}. */
    public ShipwatchServer(ServerSettings settings, Clock clock) {
        this(settings, clock, MetricsProviders.graphs(settings.config().metrics()));
    }

    /** As above, with the graphs given (the demo draws from its own provider). */
    public ShipwatchServer(ServerSettings settings, Clock clock, ServiceGraphs graphs) {
        this(settings, clock, graphs, List.of());
    }

    /** As above, with the sources of failed gates and canaries that count as change failures. */
    public ShipwatchServer(ServerSettings settings, Clock clock, ServiceGraphs graphs,
                           List<ChangeFailureSource> failureSources) {
        this(settings, clock, graphs, failureSources, null);
    }

    /**
     * As above, evaluating the gate specs in {@code gatesDir} on request (null: none). Stored gate results that
     * failed against a deployment count as change failures beside {@code failureSources}.
     */
    public ShipwatchServer(ServerSettings settings, Clock clock, ServiceGraphs graphs,
                           List<ChangeFailureSource> failureSources, Path gatesDir) {
        List<MarkerSink> sinks = MarkerSinks.from(settings.config().sinks());
        DoraSetup.check(settings.config()); // a bad dora: or webhooks: section fails before the database is touched
        database = Database.open(settings.db(), "--db");
        store = new JdbcMarkerStore(database);
        worker = new DeliveryWorker(store, sinks, clock, ownerName(), Duration.ofSeconds(1));
        markers = new MarkerService(store, sinks.stream().map(MarkerSink::name).toList(), clock, d -> worker.wake());
        pipelines = new PipelineService(new JdbcPipelineStore(database), clock);
        gateRuns = new JdbcGateRunStore(database);
        canaries = new JdbcCanaryAnalysisStore(database);
        loadTests = new JdbcLoadTestRunStore(database);
        List<ChangeFailureSource> sources = new ArrayList<>(failureSources);
        sources.add(new GateFailures(gateRuns)); // gates that failed after a release are change failures
        dora = DoraSetup.service(settings.config().dora(), database, store, sources, clock);
        api = new ApiServer(new ApiServer.Settings(settings.bind(), settings.port(), settings.maxBodyBytes(),
                settings.tokens()), markers, store, graphs, new ApiServer.DatabaseHealth() {
                    @Override
                    public boolean reachable() {
                        return database.isReachable();
                    }

                    @Override
                    public boolean unavailable(Throwable failure) {
                        return Database.isUnavailable(failure);
                    }
                },
                routeGroups(settings.config(), gateRuns, gatesDir, clock));
    }

    /** The endpoints of the capabilities beyond markers; each capability adds its group here. */
    private List<ApiServer.RouteGroup> routeGroups(Config config, JdbcGateRunStore gateRuns, Path gatesDir,
                                                   Clock clock) {
        WebhookIngest ingest = new WebhookIngest(new JdbcWebhookStore(database), markers, dora,
                DoraSetup.serviceMap(config.dora()), pipelines, clock);
        return List.of(new PipelineRoutes(pipelines), new OtlpRoutes(pipelines, OTLP_MAX_BYTES),
                new DoraRoutes(dora, clock), new WebhookRoutes(ingest, DoraSetup.secrets(config.webhooks())),
                new GateRoutes(gateRuns, new ServerGates(gatesDir, gateRuns, clock), clock),
                new VerdictRoutes(gateRuns, canaries),
                new LoadTestRoutes(loadTests),
                new DownloadRoutes(DownloadRoutes.runningJar(ShipwatchServer.class)));
    }

    /** Starts the delivery worker and the HTTP server; returns the port listened on. */
    public int start() {
        worker.start();
        port = api.start();
        return port;
    }

    public int port() {
        return port;
    }

    public DoraService dora() {
        return dora;
    }

    public MarkerService markers() {
        return markers;
    }

    /** The stored gate results (the demo fills them). */
    public JdbcGateRunStore gateRuns() {
        return gateRuns;
    }

    /** The stored canary analyses (the demo fills them). */
    public JdbcCanaryAnalysisStore canaries() {
        return canaries;
    }

    /** The pipeline runs (the demo fills them). */
    public PipelineService pipelines() {
        return pipelines;
    }

    /** The stored load-test runs (the demo fills them). */
    public LoadTestRunStore loadTests() {
        return loadTests;
    }

    /** A name for this server's delivery leases: host and a random part, so two servers on one host differ. */
    private static String ownerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void close() {
        api.close();
        worker.close();
        database.close();
    }
}
