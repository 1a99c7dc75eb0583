package io.shipwatch.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecMainTest {
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String PARENT = "b7ad6b7169203331";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int exec(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put(Spool.ENV, dir.resolve("spool").toString());
        env.putAll(extraEnv);
        return new ExecMain(env, new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, false);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines(String traceId) throws Exception {
        return new Spool(dir.resolve("spool")).lines(traceId);
    }

    @Test
    void runsTheCommandUnderTraceparentAndPassesItsOwnSpanToTheChild() throws Exception {
        Path seen = dir.resolve("seen.txt");
        int code = exec(Map.of("TRACEPARENT", "00-" + TRACE + "-" + PARENT + "-01"),
                "--name", "show", "--attr", "team=ci", "--", "sh", "-c", "echo \"$TRACEPARENT\" > " + seen);

        assertThat(code).isZero();
        List<String> lines = lines(TRACE);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"type\":\"open\",\"traceId\":\"" + TRACE + "\",\"spanId\":\"");
        String spanId = lines.get(1).replaceAll(".*\"spanId\":\"([0-9a-f]{16})\".*", "$1");
        assertThat(Files.readString(seen).trim()).isEqualTo("00-" + TRACE + "-" + spanId + "-01");
        assertThat(lines.get(1)).contains("\"parentSpanId\":\"" + PARENT + "\"", "\"name\":\"show\"", "\"status\":\"ok\"",
                "\"process.exit.code\":0", "\"team\":\"ci\"", "\"cicd.pipeline.task.run.result\":\"success\"");
        assertThat(err()).isEmpty();
    }

    @Test
    void exitsWithTheChildsCodeAndRecordsTheFailure() throws Exception {
        int code = exec(Map.of("TRACEPARENT", "00-" + TRACE + "-" + PARENT + "-01"), "sh", "-c", "exit 5");

        assertThat(code).isEqualTo(5);
        assertThat(lines(TRACE).get(1)).contains("\"name\":\"sh -c exit 5\"", "\"status\":\"error\"",
                "\"message\":\"exit code 5\"", "\"process.exit.code\":5", "\"cicd.pipeline.task.run.result\":\"failure\"");
    }

    @Test
    void aMissingCommandExits127WithASpanSayingSo() throws Exception {
        int code = exec(Map.of("TRACEPARENT", "00-" + TRACE + "-" + PARENT + "-01"), "--", "no-such-command-xyz", "a");

        assertThat(code).isEqualTo(127);
        assertThat(err()).isEqualTo("shipwatch exec: no-such-command-xyz: command not found\n");
        assertThat(lines(TRACE).get(1)).contains("\"message\":\"command not found: no-such-command-xyz\"",
                "\"process.exit.code\":127", "\"cicd.pipeline.task.run.result\":\"error\"");
    }

    @Test
    void aMalformedTraceparentFallsBackToTheOpenRunWithAWarning() throws Exception {
        new Spool(dir.resolve("spool")).setCurrentRun(TRACE, PARENT);

        int code = exec(Map.of("TRACEPARENT", "00-xyz-01"), "true");

        assertThat(code).isZero();
        assertThat(err()).isEqualTo("shipwatch exec: warning: TRACEPARENT '00-xyz-01' is malformed: has 3 "
                + "dash-separated parts, expected 4; recording the step under the open run " + TRACE + "\n");
        assertThat(lines(TRACE).get(1)).contains("\"parentSpanId\":\"" + PARENT + "\"");
    }

    @Test
    void withoutTraceparentOrOpenRunTheStepIsANewRootWithAWarning() throws Exception {
        int code = exec(Map.of(), "true");

        assertThat(code).isZero();
        assertThat(err()).startsWith("shipwatch exec: warning: no TRACEPARENT and no open run; recording the step as a new trace ");
        String traceId = err().replaceAll("(?s).*new trace ([0-9a-f]{32});.*", "$1");
        List<String> lines = lines(traceId);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).doesNotContain("parentSpanId");
    }

    @Test
    void aMalformedTraceparentWithoutOpenRunIsANewRootWithAWarning() throws Exception {
        int code = exec(Map.of("TRACEPARENT", "ff-" + TRACE + "-" + PARENT + "-01"), "true");

        assertThat(code).isZero();
        assertThat(err()).startsWith("shipwatch exec: warning: TRACEPARENT 'ff-" + TRACE + "-" + PARENT
                + "-01' is malformed: version 'ff' is not two lower-case hex digits other than ff; recording the step as a new trace ");
        try (Stream<Path> runs = Files.list(dir.resolve("spool"))) {
            assertThat(runs).hasSize(1);
        }
    }

    @Test
    void usageErrorsExit2WithOneLine() {
        assertThat(exec(Map.of(), "--nmae", "x", "--", "true")).isEqualTo(2);
        assertThat(exec(Map.of(), "--name")).isEqualTo(2);
        assertThat(exec(Map.of(), "--attr", "novalue", "--", "true")).isEqualTo(2);
        assertThat(exec(Map.of(), "--name", "x", "--")).isEqualTo(2);
        assertThat(err()).isEqualTo(String.join("\n",
                "shipwatch exec: unknown option '--nmae'; " + ExecMain.USAGE,
                "shipwatch exec: option '--name' needs a value; " + ExecMain.USAGE,
                "shipwatch exec: --attr: 'novalue' is not KEY=VALUE; " + ExecMain.USAGE,
                "shipwatch exec: no command given; " + ExecMain.USAGE, ""));
    }

    @Test
    void spanLinesEscapeQuotesAndControlCharacters() {
        String line = SpanLine.of("span").field("name", "say \"hi\"\n\\ \u0001").attributes(Map.of("n", 3L)).build();

        assertThat(line).isEqualTo("{\"type\":\"span\",\"name\":\"say \\\"hi\\\"\\n\\\\ \\u0001\",\"attributes\":{\"n\":3}}");
    }
}
