package io.shipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.shipwatch.cli.exec.Spool;
import io.shipwatch.otel.OtlpTraceExport;
import io.shipwatch.testing.OtlpCollector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCommandTest {
    static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");
    static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;

    @TempDir
    Path dir;

    private OtlpCollector collector;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        collector = new OtlpCollector();
        env.put(Spool.ENV, dir.resolve("spool").toString());
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
    }

    @AfterEach
    void tearDown() {
        collector.close();
    }

    private int run(String... args) {
        return PipelineCommand.commandLine(env, Clock.fixed(NOW, ZoneOffset.UTC), new OtlpTraceExport(),
                new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String traceId() {
        return out.toString().replaceAll("(?s).*TRACEPARENT=00-([0-9a-f]{32})-.*", "$1");
    }

    @Test
    void statusShowsFinishedAndRunningStepsAndFinishExportsTheRunningOneAsUnfinished() throws Exception {
        assertThat(run("start", "--name", "nightly", "--dotenv", dir.resolve("p.env").toString())).isZero();
        String traceId = traceId();
        String root = out.toString().trim().substring(out.toString().trim().lastIndexOf('-') - 16, out.toString().trim().lastIndexOf('-'));
        Spool spool = new Spool(dir.resolve("spool"));
        spool.append(traceId, "{\"type\":\"open\",\"traceId\":\"" + traceId + "\",\"spanId\":\"00000000000000c1\",\"parentSpanId\":\""
                + root + "\",\"name\":\"build\",\"start\":" + (NOW_NANOS - 5_000_000_000L) + "}");
        spool.append(traceId, "{\"type\":\"span\",\"traceId\":\"" + traceId + "\",\"spanId\":\"00000000000000c1\",\"parentSpanId\":\""
                + root + "\",\"name\":\"build\",\"start\":" + (NOW_NANOS - 5_000_000_000L) + ",\"end\":" + (NOW_NANOS - 3_000_000_000L)
                + ",\"status\":\"ok\",\"attributes\":{\"process.exit.code\":0}}");
        spool.append(traceId, "{\"type\":\"open\",\"traceId\":\"" + traceId + "\",\"spanId\":\"00000000000000c2\",\"parentSpanId\":\""
                + root + "\",\"name\":\"e2e\",\"start\":" + (NOW_NANOS - 2_000_000_000L) + "}");
        out.getBuffer().setLength(0);

        assertThat(run("status")).isZero();
        assertThat(out.toString()).contains("run " + traceId + "  nightly")
                .containsPattern("ok +2\\.0 s +build +exit 0")
                .containsPattern("running +2\\.0 s +e2e");
        assertThat(Files.readString(dir.resolve("p.env"))).startsWith("TRACEPARENT=00-" + traceId + "-" + root + "-01\n");

        out.getBuffer().setLength(0);
        assertThat(run("finish", "--status", "cancellation")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("run " + traceId + ": 3 spans exported to OTLP " + collector.endpoint() + "\n");
        Map<String, Span> spans = new HashMap<>();
        collector.spans().forEach(r -> spans.put(r.span().getName(), r.span()));
        assertThat(spans).containsOnlyKeys("nightly", "build", "e2e");
        assertThat(spans.get("e2e").getAttributesList()).anyMatch(kv -> kv.getKey().equals("shipwatch.span.unfinished")
                && kv.getValue().getBoolValue());
        assertThat(spans.get("nightly").getAttributesList()).anyMatch(kv -> kv.getKey().equals("cicd.pipeline.result")
                && kv.getValue().getStringValue().equals("cancellation"));
        assertThat(spool.currentRun()).isNull();
        assertThat(spool.runFolder(traceId)).doesNotExist();
    }

    @Test
    void aFailedExportKeepsTheRunForARetryWithTheSameEndTime() throws Exception {
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1");
        run("start");
        String traceId = traceId();

        int code = run("finish");

        assertThat(code).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).startsWith("could not export the run to the OTLP endpoint http://127.0.0.1:1: ")
                .endsWith("run 'shipwatch pipeline finish --trace-id " + traceId + "' again\n");
        assertThat(new Spool(dir.resolve("spool")).runFolder(traceId).resolve(Spool.RUN)).exists();
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
        assertThat(run("finish", "--trace-id", traceId)).isZero();
        assertThat(collector.spans()).hasSize(1);
        assertThat(collector.spans().get(0).span().getEndTimeUnixNano()).isEqualTo(NOW_NANOS);
    }

    private Path junit(String name) throws Exception {
        try (java.io.InputStream in = getClass().getResourceAsStream("/pipeline/junit/" + name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    void junitReportsHangUnderTheNamedStepAndLeaveWithTheRun() throws Exception {
        run("start", "--name", "ci", "--dotenv", dir.resolve("p.env").toString());
        String traceId = traceId();
        String root = Files.readString(dir.resolve("p.env")).replaceAll("(?s)TRACEPARENT=00-[0-9a-f]{32}-([0-9a-f]{16}).*", "$1");
        new Spool(dir.resolve("spool")).append(traceId, "{\"type\":\"span\",\"traceId\":\"" + traceId
                + "\",\"spanId\":\"00000000000000c1\",\"parentSpanId\":\"" + root + "\",\"name\":\"unit\",\"start\":"
                + (NOW_NANOS - 5_000_000_000L) + ",\"end\":" + (NOW_NANOS - 1_000_000_000L) + ",\"status\":\"error\"}");
        out.getBuffer().setLength(0);

        int code = run("import", "junit", "--step", "unit", junit("TEST-com.acme.CartTest.xml").toString(), junit("jest.xml").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("9 test spans added to run " + traceId + " under 'unit'\n");
        assertThat(run("finish")).as(err.toString()).isZero();
        Map<String, Span> spans = new HashMap<>();
        collector.spans().forEach(r -> spans.put(r.span().getName(), r.span()));
        Span suite = spans.get("com.acme.CartTest");
        assertThat(java.util.HexFormat.of().formatHex(suite.getParentSpanId().toByteArray())).isEqualTo("00000000000000c1");
        Span flaky = spans.get("com.acme.CartTest.checkoutIsRetried");
        assertThat(flaky.getParentSpanId()).isEqualTo(suite.getSpanId());
        assertThat(flaky.getAttributesList()).anyMatch(kv -> kv.getKey().equals("shipwatch.test.flaky") && kv.getValue().getBoolValue());
        assertThat(suite.getStartTimeUnixNano()).isEqualTo(NOW_NANOS - 5_000_000_000L);
    }

    /** A JUnit report of {@code cases} passing test cases in one suite. */
    static Path junitReport(Path file, String suite, int cases) throws java.io.IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"")
                .append(suite).append("\" tests=\"").append(cases).append("\" time=\"").append(cases * 0.01).append("\">\n");
        for (int i = 0; i < cases; i++) {
            xml.append("  <testcase classname=\"").append(suite).append("\" name=\"renders item ").append(i)
                    .append(" with its price and stock\" time=\"0.010\"/>\n");
        }
        return Files.writeString(file, xml.append("</testsuite>\n</testsuites>\n"));
    }

    @Test
    void anImportAppendsToTheTestLogAndNeverReadsEarlierImportsBack() throws Exception {
        run("start", "--name", "ci", "--dotenv", dir.resolve("p.env").toString());
        String traceId = traceId();
        Spool spool = new Spool(dir.resolve("spool"));
        assertThat(run("import", "junit", junitReport(dir.resolve("a.xml"), "a", 3).toString())).isZero();
        // an earlier import the next one would choke on if it read it back
        Files.writeString(spool.runFolder(traceId).resolve(Spool.TESTS), "{\"type\":\"span\",\"name\":[}\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThat(run("import", "junit", junitReport(dir.resolve("b.xml"), "b", 2).toString())).as(err.toString()).isZero();

        assertThat(spool.lines(traceId)).isEmpty(); // the steps' log: no test spans in it
        assertThat(spool.lines(traceId, Spool.TESTS)).hasSize(4 + 1 + 3);
        assertThat(run("finish")).as(err.toString()).isZero();
        assertThat(collector.spans()).hasSize(1 + 4 + 3);
    }

    @Test
    void finishCompressesWithGzipUnlessOtelSaysNone() throws Exception {
        run("start", "--name", "ci");
        assertThat(run("finish")).as(err.toString()).isZero();
        env.put("OTEL_EXPORTER_OTLP_COMPRESSION", "none");
        run("start", "--name", "ci");
        assertThat(run("finish")).as(err.toString()).isZero();
        env.put("OTEL_EXPORTER_OTLP_COMPRESSION", "zstd");
        run("start", "--name", "ci");
        err.getBuffer().setLength(0);

        assertThat(run("finish")).isEqualTo(ExitCode.USAGE);

        assertThat(collector.encodings()).containsExactly("gzip", "none");
        assertThat(err.toString()).contains("OTEL_EXPORTER_OTLP_COMPRESSION").hasLineCount(1);
    }

    @Test
    void aNegativeJunitTimeIsImportedAsZeroWithOneWarningLineOnStderr() throws Exception {
        run("start");
        Path report = dir.resolve("TEST-clock.xml");
        Files.writeString(report, """
                <testsuite name="com.acme.ClockTest" time="0.5">
                  <testcase name="stepped" classname="com.acme.ClockTest" time="-0.004"/>
                </testsuite>
                """);
        out.getBuffer().setLength(0);

        assertThat(run("import", "junit", report.toString())).as(err.toString()).isZero();

        assertThat(err.toString()).isEqualTo("warning: " + report + ":2: <testcase> has time='-0.004', counted as 0\n");
        assertThat(out.toString()).startsWith("2 test spans added to run ");
    }

    @Test
    void aMalformedJunitFileIsOneLineWithFileAndLineAndNothingIsAdded() throws Exception {
        run("start");
        String traceId = traceId();
        Path truncated = junit("truncated.xml");

        assertThat(run("import", "junit", junit("jest.xml").toString(), truncated.toString())).isEqualTo(ExitCode.USAGE);

        assertThat(err.toString()).startsWith(truncated + ":6: malformed XML: ").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(new Spool(dir.resolve("spool")).lines(traceId)).isEmpty();
    }

    @Test
    void finishWithoutAnOpenRunOrWithABadStatusIsAUsageError() {
        assertThat(run("finish")).isEqualTo(ExitCode.USAGE);
        assertThat(run("finish", "--status", "done")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("spool " + dir.resolve("spool") + ": no open pipeline run; run 'shipwatch "
                + "pipeline start' first, or pass --trace-id (and --spool or SHIPWATCH_SPOOL if it is elsewhere)\n"
                + "--status: unknown result 'done'; use one of success, failure, error, timeout, cancellation\n");
    }
}
