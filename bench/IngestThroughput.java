import com.google.protobuf.ByteString;
import io.javalin.Javalin;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one kind of ingest for a fixed time with concurrent clients: first an empty Javalin handler in this process
 * (the HTTP ceiling, same client, same bodies), then each Shipwatch server given, and prints per target the records
 * per second and the p50/p99 request latency.
 * <ul>
 *   <li>{@code markers}: {@code POST /api/v1/deployments}, one finished deployment per request (50 services);</li>
 *   <li>{@code spans}: {@code POST /v1/traces}, OTLP/protobuf batches of 512 spans (a run with 16 jobs).</li>
 * </ul>
 * Run: java -cp target/shipwatch.jar bench/IngestThroughput.java markers|spans SECONDS CLIENTS LABEL=URL...
 */
public class IngestThroughput {
    static final int BATCH = 512;

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        if (!kind.equals("markers") && !kind.equals("spans")) {
            throw new IllegalArgumentException("kind is markers or spans, not " + kind);
        }
        int seconds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        Javalin empty = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.http.maxRequestSize = 16L * 1024 * 1024;
            // reads the body as the real endpoints do: Jetty drops a connection whose request body is left unread
            c.routes.post("/v1/traces", ctx -> ctx.status(200).contentType("application/x-protobuf")
                    .result(discard(ctx.bodyAsBytes())));
            c.routes.post("/api/v1/deployments", ctx -> ctx.status(201).contentType("application/json")
                    .result(new String(discard(ctx.bodyAsBytes())) + "{}"));
        }).start();
        List<String[]> targets = new ArrayList<>();
        targets.add(new String[] {"empty handler (in the client's JVM)", "http://127.0.0.1:" + empty.port()});
        for (int i = 3; i < args.length; i++) {
            targets.add(args[i].split("=", 2));
        }
        System.out.printf("%s: %d clients, %d s each after a 3 s warm-up%n", kind.equals("spans")
                ? "spans, OTLP/protobuf batches of " + BATCH : "markers, one deployment a request", clients, seconds);
        for (String[] target : targets) {
            Result r = run(kind, target[1], seconds, clients);
            System.out.printf("  %-38s %9.0f %s/s  p50 %7.1f ms  p99 %7.1f ms  (%d errors)%n", target[0],
                    r.recordsPerSecond(kind), kind, r.p50Millis, r.p99Millis, r.errors);
            if (target[1].endsWith(":" + empty.port())) {
                empty.stop();
            }
        }
        System.exit(0);
    }

    static byte[] discard(byte[] requestBody) {
        return new byte[0];
    }

    record Result(long requests, long errors, double seconds, double p50Millis, double p99Millis) {
        double recordsPerSecond(String kind) {
            return requests * (kind.equals("spans") ? BATCH : 1) / seconds;
        }
    }

    static Result run(String kind, String base, int seconds, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // run numbers stay below 10^8, so every run's times fall in 2026..2029 (a span's start is 1.79e18 + n s)
        long first = (System.currentTimeMillis() / 1000 % 1_000) * 100_000L;
        drive(kind, http, base, 3, clients, new AtomicLong(first + 50_000_000L));
        return drive(kind, http, base, seconds, clients, new AtomicLong(first));
    }

    static HttpRequest request(String kind, String base, long n) {
        if (kind.equals("spans")) {
            return HttpRequest.newBuilder(URI.create(base + "/v1/traces")).header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batch(n))).build();
        }
        String body = "{\"service\":\"bench-" + (n % 50) + "\",\"environment\":\"production\",\"version\":\"v" + n
                + "\",\"status\":\"succeeded\"}";
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/deployments")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static Result drive(String kind, HttpClient http, String base, int seconds, int clients, AtomicLong counter)
            throws Exception {
        int expected = kind.equals("spans") ? 200 : 201;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> futures = new ArrayList<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long ok = 0;
                long errors = 0;
                while (System.nanoTime() < deadline) {
                    HttpRequest request = request(kind, base, counter.incrementAndGet());
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        latencies.add(System.nanoTime() - start);
                        // an OTLP answer with a body is a partial success: some spans were rejected
                        boolean whole = !kind.equals("spans") || r.body().length == 0;
                        if (r.statusCode() == expected && whole) {
                            ok++;
                        } else {
                            errors++;
                        }
                    } catch (java.io.IOException e) {
                        errors++;
                    }
                }
                return new long[] {ok, errors};
            }));
        }
        long ok = 0;
        long errors = 0;
        try {
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                ok += r[0];
                errors += r[1];
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        java.util.Collections.sort(sorted);
        return new Result(ok, errors, elapsed, quantile(sorted, 0.50), quantile(sorted, 0.99));
    }

    /** Nearest rank, in milliseconds. */
    static double quantile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }

    /** One run: a root, 16 jobs, 30 steps each, and a queue span per job: 512 spans. */
    static byte[] batch(long n) {
        byte[] trace = ByteBuffer.allocate(16).putLong(0x5badL).putLong(n).array();
        long t0 = 1_790_000_000_000_000_000L + n * 1_000_000_000L;
        List<Span> spans = new ArrayList<>();
        spans.add(span(trace, 1, 0, "run", t0, t0 + 600_000_000_000L));
        int id = 2;
        for (int j = 0; j < 16 && spans.size() < BATCH; j++) {
            int job = id++;
            spans.add(span(trace, job, 1, "job-" + j, t0, t0 + 500_000_000_000L));
            spans.add(span(trace, id++, job, "queued", t0, t0 + 5_000_000_000L));
            for (int s = 0; s < 30 && spans.size() < BATCH; s++) {
                long start = t0 + 5_000_000_000L + s * 10_000_000_000L;
                spans.add(span(trace, id++, job, "step-" + s, start, start + 9_000_000_000L));
            }
        }
        while (spans.size() < BATCH) {
            spans.add(span(trace, id++, 1, "extra", t0, t0 + 1_000_000_000L));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("bench"))))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))).build().toByteArray();
    }

    static Span span(byte[] trace, int id, int parent, String name, long start, long end) {
        Span.Builder b = Span.newBuilder().setTraceId(ByteString.copyFrom(trace))
                .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
                .setName(name).setStartTimeUnixNano(start).setEndTimeUnixNano(end)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
                .addAttributes(KeyValue.newBuilder().setKey("cicd.pipeline.task.name").setValue(AnyValue.newBuilder().setStringValue(name)));
        if (parent > 0) {
            b.setParentSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(parent).array()));
        }
        return b.build();
    }
}
