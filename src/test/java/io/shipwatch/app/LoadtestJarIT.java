package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.loadtest.JMeterCsvParser;
import io.shipwatch.loadtest.JMeterRuns;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.testing.Http;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's loadtest commands as CI runs them: exit codes, one-line errors, nothing half-recorded. */
class LoadtestJarIT {
    @TempDir
    static Path dir;

    private static ShipwatchServer server;
    private static String base;

    @BeforeAll
    static void start() {
        assertThat(CliEndToEndIT.JAR).as("the jar is built by 'mvn package' before integration tests").exists();
        server = new ShipwatchServer(ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("jar.db"),
                Config.empty(), Map.of()), Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run shipwatch(String... args) throws IOException, InterruptedException {
        return run(new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                CliEndToEndIT.JAR.toString())), args);
    }

    private static Run run(List<String> command, String... args) throws IOException, InterruptedException {
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("SHIPWATCH_SERVER", base);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String fixture(String name) {
        try {
            return Path.of(LoadtestJarIT.class.getResource("/loadtest/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void oneEndpoint25msSlowerFailsWithExit1AndTheSameBuildPassesWithExit0() throws Exception {
        String v1 = JMeterRuns.write(dir.resolve("v1.jtl"), 1, 2000, null, 0).toString();
        String again = JMeterRuns.write(dir.resolve("v1b.jtl"), 2, 2000, null, 0).toString();
        String slower = JMeterRuns.write(dir.resolve("v2.jtl"), 3, 2000, "POST /cart", 25).toString();

        Run same = shipwatch("loadtest", "compare", "--baseline", v1, "--candidate", again);
        assertThat(same.exit()).as(same.err()).isZero();
        Run failed = shipwatch("loadtest", "compare", "--baseline", v1, "--candidate", slower, "--output", "markdown");
        assertThat(failed.exit()).as(failed.err()).isEqualTo(1);
        assertThat(failed.out()).containsPattern("\\| POST /cart \\| mean \\|[^\\n]*\\| fail \\|")
                .doesNotContainPattern("\\| GET /products \\|[^\\n]*\\| fail \\|")
                .doesNotContainPattern("\\| GET /checkout \\|[^\\n]*\\| fail \\|");
    }

    @Test
    void theLauncherReadsALargeFileInPartsWithArchivedClassesAndTheSameResult() throws Exception {
        Path file = JMeterRuns.write(dir.resolve("large.jtl"), 4, 60_000, null, 0); // 180 000 rows, over 16 MB
        assertThat(Files.size(file)).isGreaterThan(16L << 20);
        LoadTestResult expected;
        try (InputStream in = Files.newInputStream(file)) {
            expected = new JMeterCsvParser().parse(in, file.toString()); // from start to end, in one part
        }
        Path archive = Path.of("target", "loadtest.jsa");
        Files.deleteIfExists(archive);

        for (int i = 0; i < 2; i++) { // the first run records the archive, the second uses it
            Run run = run(new ArrayList<>(List.of(PipelineTracingIT.LAUNCHER.toString())), "loadtest", "summarize",
                    "--output", "json", file.toString());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
            JsonNode total = Json.mapper().readTree(run.out()).path("total");
            assertThat(total.path("count").asLong()).isEqualTo(expected.total().count());
            assertThat(total.path("errors").asLong()).isEqualTo(expected.total().errors());
            assertThat(total.path("meanMs").asDouble()).isCloseTo(expected.total().meanMs(), within(0.001));
            assertThat(total.path("p95Ms").asDouble()).isEqualTo(expected.total().p95Ms());
            assertThat(total.path("throughputPerSecond").asDouble())
                    .isCloseTo(expected.total().throughputPerSecond(), within(0.001));
            assertThat(Files.size(archive)).isGreaterThan(0);
        }
    }

    @Test
    void badFilesAreOneLineWithFileLineAndExit2AndNothingIsRecorded() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jtl"), "");
        String[][] cases = {
                {fixture("jmeter-csv/truncated.jtl"), ":41: has 3 columns but the header has 17; the file looks truncated"},
                {fixture("jmeter-csv/non-numeric-elapsed.jtl"), ":214: column 'elapsed' is 'abc', expected whole "
                        + "milliseconds; export results as CSV with default columns"},
                {fixture("other/unknown.csv"), ":1: cannot tell the format from its start 'hello,world'; pass --format"},
                {empty.toString(), ": the file is empty; check that the load test ran and wrote its results"},
        };
        for (String[] c : cases) {
            Run summarize = shipwatch("loadtest", "summarize", c[0]);
            assertThat(summarize.exit()).as(summarize.err()).isEqualTo(2);
            assertThat(summarize.err()).startsWith(c[0] + c[1]).endsWith("\n");
            assertThat(summarize.err().strip().lines()).hasSize(1);

            Run record = shipwatch("loadtest", "record", "--service", "checkout", "--scenario", "smoke", "--version",
                    "1.0", c[0]);
            assertThat(record.exit()).as(record.err()).isEqualTo(2);
            assertThat(record.err()).isEqualTo(summarize.err());
        }
        assertThat(Http.get(base + "/api/v1/loadtest/runs?service=checkout&scenario=smoke").json().path("items")).isEmpty();
    }
}
