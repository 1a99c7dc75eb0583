package io.shipwatch.app;

import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.http.ApiServer;
import io.shipwatch.http.LoadTestRoutes;
import io.shipwatch.markers.DeliveryWorker;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.markers.MarkerSink;
import io.shipwatch.store.Database;
import io.shipwatch.store.JdbcLoadTestRunStore;
import io.shipwatch.store.JdbcMarkerStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The composition root of {@code shipwatch server}: the store, the sinks and their worker, the graphs and the API. */
public final class ShipwatchServer implements AutoCloseable {
    private final Database database;
    private final DeliveryWorker worker;
    private final ApiServer api;
    private final JdbcMarkerStore store;
    private final MarkerService markers;
    private int port;

    /** Opens the database (migrating it) and wires everything; nothing listens until {@link #start()}. */
    public ShipwatchServer(ServerSettings settings, Clock clock) {
        this(settings, clock, MetricsProviders.graphs(settings.config().metrics()));
    }

    /** As above, with the graphs given (the demo draws from its own provider). */
    public ShipwatchServer(ServerSettings settings, Clock clock, ServiceGraphs graphs) {
        List<MarkerSink> sinks = MarkerSinks.from(settings.config().sinks());
        database = Database.open(settings.db(), "--db");
        store = new JdbcMarkerStore(database);
        worker = new DeliveryWorker(store, sinks, clock, ownerName(), Duration.ofSeconds(1));
        markers = new MarkerService(store, sinks.stream().map(MarkerSink::name).toList(), clock, d -> worker.wake());
        api = new ApiServer(new ApiServer.Settings(settings.bind(), settings.port(), settings.maxBodyBytes(),
                settings.tokens()), markers, store, graphs, database::isReachable, routeGroups());
    }

    /** The endpoints of the capabilities beyond markers; each capability adds its group here. */
    private List<ApiServer.RouteGroup> routeGroups() {
        return List.of(new LoadTestRoutes(new JdbcLoadTestRunStore(database)));
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

    public MarkerService markers() {
        return markers;
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
