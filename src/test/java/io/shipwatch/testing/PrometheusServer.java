package io.shipwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code prometheus} binary on a free loopback port, with a fresh data directory, scraping the given
 * targets every second, for integration tests. Historic data can be loaded before start with
 * {@code promtool tsdb create-blocks-from openmetrics}, so a test has known series over past hours without waiting.
 * Skips the test (or fails it under {@code -Dshipwatch.test.require=all}) when the binaries are missing.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.builder()
 *         .scrape("app", URI.create("http://127.0.0.1:" + port + "/metrics"))
 *         .backfill(new OpenMetricsText().gauge("latency_seconds", Map.of("service", "checkout"), samples))
 *         .start()) {
 *     PrometheusProvider provider = PrometheusProvider.create(PrometheusConfig.of(prometheus.url().toString()));
 * }
 * }</pre>
 *
 * Queries see a sample for up to 5 minutes after it was taken (Prometheus's lookback delta), so a range query
 * that goes past the last backfilled sample repeats its value.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final URI url;
    private final Path dir;

    private PrometheusServer(Process process, URI url, Path dir) {
        this.process = process;
        this.url = url;
        this.dir = dir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL of the HTTP API, such as {@code http://127.0.0.1:41234} (no trailing slash). */
    public URI url() {
        return url;
    }

    /** What Prometheus has logged so far; for failure messages. */
    public String log() {
        return read(dir.resolve("prometheus.log"));
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL if it does not exit) and deletes its files. */
    @Override
    public void close() {
        stop(process);
        deleteTree(dir);
    }

    /** What to scrape and what to load before start. */
    public static final class Builder {
        private final List<String> scrapeJobs = new ArrayList<>();
        private final List<String> backfills = new ArrayList<>();
        private Duration scrapeInterval = Duration.ofSeconds(1);

        private Builder() {
        }

        /** Scrapes {@code target} (such as {@code http://127.0.0.1:8080/metrics}) as job {@code job}. */
        public Builder scrape(String job, URI target) {
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/metrics" : target.getRawPath();
            scrapeJobs.add("  - job_name: '" + job.replace("'", "''") + "'\n"
                    + "    scheme: " + target.getScheme() + "\n"
                    + "    metrics_path: '" + path.replace("'", "''") + "'\n"
                    + "    static_configs:\n"
                    + "      - targets: ['" + target.getHost() + ":" + target.getPort() + "']\n");
            return this;
        }

        /** How often targets are scraped; 1s unless set. */
        public Builder scrapeInterval(Duration interval) {
            this.scrapeInterval = interval;
            return this;
        }

        /** OpenMetrics text (ending in {@code # EOF}, timestamps in seconds) to load as historic data. */
        public Builder backfill(String openMetrics) {
            backfills.add(openMetrics);
            return this;
        }

        public Builder backfill(OpenMetricsText openMetrics) {
            return backfill(openMetrics.toString());
        }

        public PrometheusServer start() {
            Path prometheus = Requirements.executable("prometheus");
            Requirements.require(prometheus != null, "prometheus (Debian package prometheus)");
            Path dir = null;
            boolean started = false;
            try {
                dir = Files.createTempDirectory("shipwatch-prometheus");
                Files.writeString(dir.resolve("prometheus.yml"), config());
                Path data = Files.createDirectory(dir.resolve("data"));
                for (int i = 0; i < backfills.size(); i++) {
                    createBlocks(dir, data, i);
                }
                PrometheusServer server = startOnFreePort(prometheus, dir, data);
                started = true;
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a Prometheus data directory", e);
            } finally {
                if (!started && dir != null) {
                    deleteTree(dir);
                }
            }
        }

        private String config() {
            String seconds = scrapeInterval.toMillis() + "ms";
            return "global:\n"
                    + "  scrape_interval: " + seconds + "\n"
                    + "  evaluation_interval: " + seconds + "\n"
                    + "scrape_configs:\n" + (scrapeJobs.isEmpty() ? "  []\n" : String.join("", scrapeJobs));
        }

        private void createBlocks(Path dir, Path data, int index) throws IOException {
            Path promtool = Requirements.executable("promtool");
            Requirements.require(promtool != null, "promtool (Debian package prometheus)");
            Path file = dir.resolve("backfill-" + index + ".om");
            Files.writeString(file, backfills.get(index), StandardCharsets.UTF_8);
            Path log = dir.resolve("promtool-" + index + ".log");
            Process p = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
                    file.toString(), data.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!waitFor(p, READY_WITHIN) || p.exitValue() != 0) {
                stop(p);
                throw new IllegalStateException("promtool could not load backfill " + index + ": " + read(log));
            }
        }

        private PrometheusServer startOnFreePort(Path prometheus, Path dir, Path data) throws IOException {
            String lastLog = "";
            String failure = "";
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                int port = freePort();
                Process p = new ProcessBuilder(prometheus.toString(),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--storage.tsdb.path=" + data,
                        "--config.file=" + dir.resolve("prometheus.yml"))
                        .directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
                URI url = URI.create("http://127.0.0.1:" + port);
                if (awaitReady(p, url)) {
                    return new PrometheusServer(p, url, dir);
                }
                failure = p.isAlive() ? "was not ready within " + READY_WITHIN.toSeconds() + "s"
                        : "exited with code " + p.exitValue() + " before it was ready";
                stop(p);
                lastLog = read(dir.resolve("prometheus.log"));
                // another process may have taken the port between freePort() and prometheus binding it
                if (!lastLog.contains("address already in use")) {
                    break;
                }
            }
            throw new IllegalStateException("prometheus " + failure + "; its log: " + lastLog);
        }
    }

    private static boolean awaitReady(Process p, URI url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (p.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            sleep(Duration.ofMillis(100));
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(Process p) {
        p.destroy();
        if (!waitFor(p, STOP_WITHIN)) {
            p.destroyForcibly();
            waitFor(p, STOP_WITHIN);
        }
    }

    private static boolean waitFor(Process p, Duration within) {
        try {
            return p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
