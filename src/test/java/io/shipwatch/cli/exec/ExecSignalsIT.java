package io.shipwatch.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code shipwatch exec} from the packaged exec jar, in a process of its own: SIGINT and SIGTERM reach the command,
 * the wrapper waits for it, exits with its code and records the step as cancelled.
 */
class ExecSignalsIT {
    static final Path JAR = Path.of("target", "shipwatch-exec.jar");
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalIsForwardedAndTheStepRecordedAsCancelled(String signal, int exitCode) throws Exception {
        assertThat(JAR).as("built by 'mvn package' before integration tests").exists();
        Path marker = dir.resolve("child-started");
        ProcessBuilder pb = new ProcessBuilder("java", "-cp", JAR.toString(), "io.shipwatch.cli.exec.ExecMain",
                "--name", "long", "--", "sh", "-c", "touch " + marker + "; exec sleep 60");
        pb.environment().put(Spool.ENV, dir.resolve("spool").toString());
        pb.environment().put("TRACEPARENT", "00-" + TRACE + "-b7ad6b7169203331-01");
        Process exec = pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(marker)) {
            assertThat(Instant.now()).as("the command starts").isBefore(deadline);
            assertThat(exec.isAlive()).as(Files.readString(dir.resolve("out.txt"))).isTrue();
            Thread.sleep(50);
        }
        Thread.sleep(300); // the handlers are installed right after the child starts

        new ProcessBuilder("kill", "-s", signal, String.valueOf(exec.pid())).inheritIO().start().waitFor();

        assertThat(exec.waitFor(30, TimeUnit.SECONDS)).as("exec ends once its command does").isTrue();
        assertThat(exec.exitValue()).isEqualTo(exitCode);
        List<String> lines = new Spool(dir.resolve("spool")).lines(TRACE);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("\"status\":\"error\"", "\"message\":\"cancelled by SIG" + signal + "\"",
                "\"cicd.pipeline.task.run.result\":\"cancellation\"", "\"process.exit.code\":" + exitCode);
    }
}
