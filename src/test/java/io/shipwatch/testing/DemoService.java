package io.shipwatch.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A small service instance for end-to-end canary tests: it serves simulated traffic (50 requests a second with a
 * given error ratio and mean latency) and exposes it on {@code /metrics} in the Prometheus text format, as a real
 * service's client library would: {@code demo_http_requests_total{service,version,code}} and the summary
 * {@code demo_http_request_duration_seconds_sum/_count}. Start one per version; Prometheus scrapes them.
 */
public final class DemoService implements AutoCloseable {
    private static final int REQUESTS_PER_TICK = 1;
    private static final long TICK_MILLIS = 20;

    private final String service;
    private final String version;
    private final double errorRatio;
    private final double meanLatencySeconds;
    private final Random random;
    private final HttpServer http;
    private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
    private long ok;
    private long errors;
    private double latencySum;

    private DemoService(String service, String version, double errorRatio, double meanLatencySeconds, long seed) {
        this.service = service;
        this.version = version;
        this.errorRatio = errorRatio;
        this.meanLatencySeconds = meanLatencySeconds;
        this.random = new Random(seed);
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/metrics", exchange -> {
            byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** Starts an instance of {@code service} at {@code version}, serving traffic with these error ratio and latency. */
    public static DemoService start(String service, String version, double errorRatio, double meanLatencySeconds,
            long seed) {
        DemoService s = new DemoService(service, version, errorRatio, meanLatencySeconds, seed);
        s.http.start();
        s.traffic.scheduleAtFixedRate(s::serve, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return s;
    }

    /** Where Prometheus scrapes it. */
    public URI metricsUrl() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/metrics");
    }

    private synchronized void serve() {
        for (int i = 0; i < REQUESTS_PER_TICK; i++) {
            if (random.nextDouble() < errorRatio) {
                errors++;
            } else {
                ok++;
            }
            // latency uniform within ±20 % of the mean
            latencySum += meanLatencySeconds * (0.8 + 0.4 * random.nextDouble());
        }
    }

    private synchronized String exposition() {
        String labels = "service=\"" + service + "\",version=\"" + version + "\"";
        return "# TYPE demo_http_requests_total counter\n"
                + "demo_http_requests_total{" + labels + ",code=\"200\"} " + ok + "\n"
                + "demo_http_requests_total{" + labels + ",code=\"500\"} " + errors + "\n"
                + "# TYPE demo_http_request_duration_seconds summary\n"
                + "demo_http_request_duration_seconds_sum{" + labels + "} "
                + String.format(Locale.ROOT, "%.6f", latencySum) + "\n"
                + "demo_http_request_duration_seconds_count{" + labels + "} " + (ok + errors) + "\n";
    }

    @Override
    public void close() {
        traffic.shutdownNow();
        http.stop(0);
    }
}
