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
 * Posts OTLP/protobuf batches of 512 spans (one trace per batch, a run with jobs and steps) for a fixed time with a
 * few concurrent clients, first to an empty Javalin handler in this process, then to the Shipwatch server given as
 * the first argument, and prints spans per second for both. Loopback only; bounded in time.
 * Run: java -cp target/shipwatch.jar bench/OtlpThroughput.java http://127.0.0.1:PORT [seconds] [clients]
 */
public class OtlpThroughput {
    static final int BATCH = 512;

    public static void main(String[] args) throws Exception {
        String shipwatch = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Javalin empty = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.http.maxRequestSize = 16L * 1024 * 1024;
            // reads the body as the real receiver does: Jetty drops a connection whose request body is left unread
            c.routes.post("/v1/traces", ctx -> ctx.status(200).contentType("application/x-protobuf")
                    .result(empty(ctx.bodyAsBytes())));
        }).start();
        String emptyUrl = "http://127.0.0.1:" + empty.port();
        System.out.printf("batches of %d spans, %d clients, %d s each (after a 3 s warm-up)%n", BATCH, clients, seconds);
        Result e = run(emptyUrl, seconds, clients);
        System.out.printf("%-40s %10.0f spans/s  %7.1f batches/s  p50 %6.1f ms  (%d errors)%n",
                "empty handler (same JVM as the client)", e.spansPerSecond(), e.batchesPerSecond(), e.p50Millis, e.errors);
        empty.stop();
        Result s = run(shipwatch, seconds, clients);
        System.out.printf("%-40s %10.0f spans/s  %7.1f batches/s  p50 %6.1f ms  (%d errors)%n",
                "shipwatch /v1/traces into SQLite", s.spansPerSecond(), s.batchesPerSecond(), s.p50Millis, s.errors);
        System.exit(0);
    }

    static byte[] empty(byte[] requestBody) {
        return new byte[0];
    }

    record Result(long batches, long errors, double seconds, double p50Millis) {
        double spansPerSecond() {
            return batches * BATCH / seconds;
        }

        double batchesPerSecond() {
            return batches / seconds;
        }
    }

    static Result run(String base, int seconds, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        drive(http, base, 3, clients, new AtomicLong(1_000_000)); // warm-up
        AtomicLong counter = new AtomicLong();
        return drive(http, base, seconds, clients, counter);
    }

    static Result drive(HttpClient http, String base, int seconds, int clients, AtomicLong traceCounter) throws Exception {
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
                    byte[] body = batch(traceCounter.incrementAndGet());
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/traces"))
                            .header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies.add(System.nanoTime() - start);
                        if (r.statusCode() == 200) {
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
        double p50 = sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2) / 1e6;
        return new Result(ok, errors, elapsed, p50);
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
