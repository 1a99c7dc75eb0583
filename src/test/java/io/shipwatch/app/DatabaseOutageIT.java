package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.testing.Http;
import io.shipwatch.testing.TcpProxy;
import io.shipwatch.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database out of reach: requests answer 503 with Retry-After within seconds, never hang or 500, {@code /readyz}
 * says so promptly, and a write whose client got an error is never stored later.
 */
class DatabaseOutageIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Far above the 2 s connection wait and the 5 s socket timeout: only a hang goes past it. */
    private static final Duration BOUND = Duration.ofSeconds(9);

    @TempDir
    Path dir;

    private record Answer(int status, String retryAfter, String contentType, String body, Duration took) {
    }

    private static Answer post(String url, String body) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                r.headers().firstValue("Content-Type").orElse(""), r.body(), Duration.between(start, Instant.now()));
    }

    private static Answer get(String url) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                r.headers().firstValue("Content-Type").orElse(""), r.body(), Duration.between(start, Instant.now()));
    }

    private static String deployment(String service) {
        return "{\"service\":\"" + service + "\",\"environment\":\"production\",\"version\":\"1.0.0\"}";
    }

    private static void assertUnavailable(Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(503);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.retryAfter()).isEqualTo("5");
        assertThat(a.body()).contains("the database is unavailable");
        assertThat(a.took()).isLessThan(BOUND);
    }

    @Test
    void aPartitionedPostgresIsA503WithRetryAfterAndLosesNoCommittedWrite() throws Exception {
        String url = TestDatabases.freshPostgresSchema();
        Matcher m = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?/").matcher(url);
        assertThat(m.find()).as(url).isTrue();
        try (TcpProxy proxy = new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))) {
            String proxied = m.replaceFirst("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/");
            ServerSettings settings = ServerSettings.resolve(0, null, proxied, Config.empty(), Map.of());
            try (ShipwatchServer server = new ShipwatchServer(settings, Clock.systemUTC())) {
                String base = "http://127.0.0.1:" + server.start();
                assertThat(post(base + "/api/v1/deployments", deployment("before")).status()).isEqualTo(201);
                assertThat(get(base + "/readyz").status()).isEqualTo(200);

                proxy.partition();
                // several at once, some on pooled connections that just went silent, some waiting for a new one
                List<CompletableFuture<Answer>> writes = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    writes.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return post(base + "/api/v1/deployments", deployment("during"));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                for (CompletableFuture<Answer> w : writes) {
                    assertUnavailable(w.get());
                }
                assertUnavailable(get(base + "/api/v1/deployments?service=before"));
                Answer ready = get(base + "/readyz");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.took()).isLessThan(BOUND);

                proxy.heal();
                Instant deadline = Instant.now().plusSeconds(30);
                while (get(base + "/readyz").status() != 200 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(200);
                }
                assertThat(get(base + "/readyz").status()).isEqualTo(200);
                assertThat(Http.get(base + "/api/v1/deployments?service=during").json().get("items"))
                        .as("no write that answered 503 is stored afterwards").isEmpty();
                assertThat(Http.get(base + "/api/v1/deployments?service=before").json().get("items")).hasSize(1);
                assertThat(post(base + "/api/v1/deployments", deployment("after")).status()).isEqualTo(201);
            }
        } finally {
            TestDatabases.dropSchemaOf(url);
        }
    }

    @Test
    void aSqliteFileLockedByAnotherWriterIsA503NotAHang() throws Exception {
        Path file = dir.resolve("locked.db");
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + file, Config.empty(), Map.of());
        try (ShipwatchServer server = new ShipwatchServer(settings, Clock.systemUTC())) {
            String base = "http://127.0.0.1:" + server.start();
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = other.createStatement()) {
                s.execute("BEGIN EXCLUSIVE"); // another process holding the write lock, as a backup tool may
                assertUnavailable(post(base + "/api/v1/deployments", deployment("blocked")));
                s.execute("ROLLBACK");
            }
            assertThat(Http.get(base + "/api/v1/deployments?service=blocked").json().get("items")).isEmpty();
            assertThat(post(base + "/api/v1/deployments", deployment("blocked")).status()).isEqualTo(201);
        }
    }
}
