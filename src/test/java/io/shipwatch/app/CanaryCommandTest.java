package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code canary judge} and {@code canary run}: one line, exit 2, nothing run. */
class CanaryCommandTest {
    @TempDir
    Path dir;


    private static CliRun run(String... args) {
        return CliRun.of(Map.of(), args);
    }

    @Test
    void runWithoutACanaryVersionCannotNameItsMarker() throws Exception {
        Path spec = dir.resolve("c.yaml");
        Files.writeString(spec, "provider: {type: prometheus, url: http://127.0.0.1:9}\nbaseline: {track: stable}\n"
                + "canary: {track: canary}\nmetrics: [{name: e, query: 'x{track=\"{{track}}\"}'}]\n"
                + "actions:\n  rollback: {command: [\"touch\", \"" + dir.resolve("ran") + "\"]}\n");
        CliRun r = run("canary", "run", "--spec", spec.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("--spec: " + spec + ": the canary has no version variable to name the deployment "
                + "marker; add version under canary:, or pass --no-markers\n");
        assertThat(dir.resolve("ran")).doesNotExist();
    }

    @Test
    void judgeWithoutSpecNamesTheFlag() {
        CliRun r = run("canary", "judge");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("--spec: is missing; give the path of a canary spec (YAML)\n");
    }

    @Test
    void judgeRefusesAnUnknownOutput() throws Exception {
        Path spec = dir.resolve("c.yaml");
        Files.writeString(spec, "provider: {type: prometheus, url: http://127.0.0.1:9}\n");
        CliRun r = run("canary", "judge", "--spec", spec.toString(), "--output", "junit");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("--output: unknown format 'junit'; use one of table, json, markdown\n");
    }
}
