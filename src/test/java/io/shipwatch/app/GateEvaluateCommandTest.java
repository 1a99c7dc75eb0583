package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input to {@code gate evaluate}: one line on stderr naming where, exit 2, nothing queried. */
class GateEvaluateCommandTest {
    @TempDir
    Path dir;


    private static CliRun run(String... args) {
        return CliRun.of(Map.of(), args);
    }

    private Path copy(String fixture) throws IOException {
        Path file = dir.resolve(fixture);
        try (var in = getClass().getResourceAsStream("/gate/specs/" + fixture)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown-provider.yaml | :3: provider.type: unknown provider 'promethus'; known providers: prometheus, datadog, web",
            "bad-criterion.yaml | :7: '<< 5' is not a criterion; write an operator",
            "missing-query.yaml | :3: objectives[0]: 'query' is missing; write the query whose value is judged",
            "bad-duration.yaml | :2: window: '10 minutes' is not a duration; write a duration such as 30s, 10m or 1h"})
    void badSpecExitsTwoWithOneLineNamingFileAndLine(String fixture, String message) throws IOException {
        Path spec = copy(fixture);
        CliRun run = run("gate", "evaluate", "--spec", spec.toString(), "--window", "5m");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith(spec + message).endsWith("\n");
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--window | 9999999999999d | --window: '9999999999999d' is longer than the years 1970 to 9999",
            "--window | 99999999999999999999999s | --window: '99999999999999999999999s' is longer than the years",
            "--window | 30000d | --window: a window of 30000 days ending ",
            "--start | -292275055-05-16T16:47:04.192Z | --start: '-292275055-05-16T16:47:04.192Z' is out of range"})
    void overflowingOrOutOfRangeTimesExitTwoWithOneLine(String flag, String value, String message) throws IOException {
        CliRun run = flag.equals("--start")
                ? run("gate", "evaluate", "--spec", copy("good.yaml").toString(), "--var", "version=1", "--start", value,
                "--end", "2026-11-26T14:00:00Z")
                : run("gate", "evaluate", "--spec", copy("good.yaml").toString(), "--var", "version=1", flag, value);
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith(message).hasLineCount(1);
    }

    @Test
    void missingSpecFileNamesTheFlag() {
        CliRun run = run("gate", "evaluate", "--spec", dir.resolve("nope.yaml").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--spec: no file " + dir.resolve("nope.yaml")
                + "; give the path of a gate spec (YAML)\n");
    }

    @Test
    void unknownOutputFormatIsRefused() throws IOException {
        CliRun run = run("gate", "evaluate", "--spec", copy("good.yaml").toString(), "--output", "xml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--output: unknown format 'xml'; use one of table, json, junit, markdown\n");
    }

    @Test
    void startWithoutEndIsRefused() throws IOException {
        CliRun run = run("gate", "evaluate", "--spec", copy("good.yaml").toString(), "--var", "version=1",
                "--start", "2026-11-26T14:00:00Z");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("--end: is missing; give both --start and --end");
    }

    @Test
    void badEndTimeIsRefused() throws IOException {
        CliRun run = run("gate", "evaluate", "--spec", copy("good.yaml").toString(), "--var", "version=1",
                "--start", "2026-11-26T14:00:00Z", "--end", "yesterday");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--end: 'yesterday' is not an RFC 3339 time; use a time such as "
                + "2026-11-26T14:04:00Z\n");
    }

    @Test
    void keptnFilesNeedAllThreeFlags() throws IOException {
        CliRun run = run("gate", "evaluate", "--keptn-slo", copy("good.yaml").toString(), "--prometheus", "http://x");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--keptn-sli: is missing; Keptn's files need --keptn-slo slo.yaml, --keptn-sli "
                + "sli.yaml and --prometheus URL\n");
    }

    @Test
    void noSpecAtAllNamesTheFlag() {
        CliRun run = run("gate", "evaluate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--spec: is missing; give the path of a gate spec (YAML), or --keptn-slo and "
                + "--keptn-sli\n");
    }
}
