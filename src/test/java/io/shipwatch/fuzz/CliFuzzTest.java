package io.shipwatch.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.app.ShipwatchCommand;
import io.shipwatch.testing.Mutator;
import io.shipwatch.testing.RecordingHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the commands that read files (load-test results of every format, JUnit reports, GitHub and GitLab
 * run exports, gate and canary specs): each run gets a mutation of one of the project's own fixtures. Every exit must
 * be a documented one (0, 1, 2, 3) and a refusal one line, never a stack trace.
 * {@code -Dshipwatch.fuzz.cases=N} (default 15 per file) and {@code -Dshipwatch.fuzz.seed=S} replay or widen a run.
 */
class CliFuzzTest {
    private static final int CASES = Integer.getInteger("shipwatch.fuzz.cases", 15);
    private static final long SEED = Long.getLong("shipwatch.fuzz.seed", 20261203L);
    private static final Path RESOURCES = Path.of("src", "test", "resources");

    @TempDir
    Path dir;

    record Finding(String command, int exit, String err) {
        @Override
        public String toString() {
            return command + " -> exit " + exit + ": " + (err.length() > 600 ? err.substring(0, 600) + "…" : err);
        }
    }

    @Test
    void loadTestSummariesOfMutatedResultFilesExitCleanly() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(RESOURCES.resolve("loadtest"))) {
            files = walk.filter(Files::isRegularFile).filter(CliFuzzTest::isResultFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        List<Finding> findings = new ArrayList<>();
        Mutator m = new Mutator(SEED);
        for (Path seed : files) {
            for (int i = 0; i < CASES; i++) {
                Path file = mutated(m, seed, i);
                run(findings, Map.of(), "loadtest", "summarize", "--output", "json", file.toString());
            }
        }
        assertThat(findings).as("seed %d", SEED).isEmpty();
    }

    @Test
    void pipelineImportsOfMutatedReportsAndRunsExitCleanly() throws IOException {
        try (RecordingHttpServer receiver = RecordingHttpServer.start().respondByDefault(200, "")) {
            importsExitCleanly(Map.of("SHIPWATCH_SPOOL", dir.resolve("spool").toString(),
                    "SHIPWATCH_SERVER", receiver.baseUri().toString()));
        }
    }

    private void importsExitCleanly(Map<String, String> env) throws IOException {
        List<Finding> findings = new ArrayList<>();
        run(findings, env, "pipeline", "start", "--name", "fuzz", "--dotenv", dir.resolve("pipeline.env").toString());
        assertThat(findings).isEmpty();
        Mutator m = new Mutator(SEED);
        try (Stream<Path> walk = Files.list(RESOURCES.resolve("pipeline/junit"))) {
            for (Path seed : walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                for (int i = 0; i < CASES; i++) {
                    run(findings, env, "pipeline", "import", "junit", "--step", "tests", mutated(m, seed, i).toString());
                }
            }
        }
        Path github = RESOURCES.resolve("pipeline/github");
        Path gitlab = RESOURCES.resolve("pipeline/gitlab");
        for (int i = 0; i < CASES * 2; i++) {
            boolean runFile = m.nextInt(2) == 0;
            Path run = runFile ? mutated(m, github.resolve("run-555-attempt-1.json"), i) : github.resolve("run-555-attempt-1.json");
            Path jobs = runFile ? github.resolve("jobs-555-attempt-1.json") : mutated(m, github.resolve("jobs-555-attempt-1.json"), i);
            run(findings, env, "pipeline", "import", "github", "--file", run.toString(), "--file", jobs.toString());
            Path pipeline = runFile ? mutated(m, gitlab.resolve("pipeline-4242.json"), i) : gitlab.resolve("pipeline-4242.json");
            Path gitlabJobs = runFile ? gitlab.resolve("jobs-4242.json") : mutated(m, gitlab.resolve("jobs-4242.json"), i);
            run(findings, env, "pipeline", "import", "gitlab", "--file", pipeline.toString(), "--file", gitlabJobs.toString());
        }
        assertThat(findings).as("seed %d", SEED).isEmpty();
    }

    @Test
    void gateAndCanarySpecsThatAreMutatedExitCleanly() throws IOException {
        List<Finding> findings = new ArrayList<>();
        Mutator m = new Mutator(SEED);
        // nothing listens on port 1: a spec that parses ends in a fast "unreachable" (exit 3), never a hang
        String gate = Files.readString(RESOURCES.resolve("gate/specs/good.yaml")).replace("127.0.0.1:9090", "127.0.0.1:1");
        String canary = Files.readString(RESOURCES.resolve("gate/canary/good.yaml")).replace("127.0.0.1:9090", "127.0.0.1:1");
        for (int i = 0; i < CASES * 4; i++) {
            Path spec = dir.resolve("gate-" + i + ".yaml");
            Files.write(spec, m.text(gate));
            run(findings, Map.of(), "gate", "evaluate", "--spec", spec.toString(), "--var", "version=2.1.0",
                    "--window", "10m");
            Path canarySpec = dir.resolve("canary-" + i + ".yaml");
            Files.write(canarySpec, m.text(canary));
            run(findings, Map.of(), "canary", "judge", "--spec", canarySpec.toString(), "--window", "10m");
        }
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, gate);
        // every hostile value in every time and variable flag: few enough to try them all
        for (String flag : List.of("--window", "--start", "--end", "--var")) {
            for (String hostile : Mutator.HOSTILE_TEXT) {
                String value = flag.equals("--var") ? "version=" + hostile : hostile;
                List<String> args = new ArrayList<>(List.of("gate", "evaluate", "--spec", good.toString(), flag, value));
                if (!flag.equals("--var")) {
                    args.addAll(List.of("--var", "version=2.1.0"));
                }
                if (flag.equals("--start")) {
                    args.addAll(List.of("--end", "2026-11-26T10:00:00Z"));
                } else if (flag.equals("--end")) {
                    args.addAll(List.of("--start", "2026-11-26T09:00:00Z"));
                }
                run(findings, Map.of(), args.toArray(String[]::new));
            }
        }
        assertThat(findings).as("seed %d", SEED).isEmpty();
    }

    private static boolean isResultFile(Path p) {
        String name = p.getFileName().toString();
        return !name.endsWith(".expected.json") && !name.endsWith(".py") && !name.endsWith(".md")
                && !name.endsWith(".sh");
    }

    private Path mutated(Mutator m, Path seed, int i) throws IOException {
        byte[] original = Files.readAllBytes(seed);
        String name = seed.getFileName().toString();
        byte[] body = name.endsWith(".json") && m.nextInt(2) == 0 ? json(m, original) : m.text(new String(original,
                java.nio.charset.StandardCharsets.UTF_8));
        if (looksBinary(original)) {
            body = m.bytes(original);
        }
        Path out = dir.resolve(i + "-" + name); // the same name, so format detection by name still applies
        Files.write(out, body);
        return out;
    }

    private static byte[] json(Mutator m, byte[] original) {
        try {
            return m.json(new String(original, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notJson) { // JSON lines (k6) are not one document
            return m.text(new String(original, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static boolean looksBinary(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 512); i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<Finding> findings, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = ShipwatchCommand.commandLine(env);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit;
        try {
            exit = cl.execute(args);
        } catch (Throwable t) { // picocli catches what commands throw: anything here escaped every handler
            findings.add(new Finding(String.join(" ", args), -1, t.toString()));
            return;
        }
        String e = err.toString().strip();
        boolean documented = exit >= 0 && exit <= 3;
        boolean oneLine = exit != 2 || e.lines().count() <= 1;
        boolean noTrace = !e.contains("\tat ");
        if (!documented || !oneLine || !noTrace) {
            findings.add(new Finding(String.join(" ", args), exit, e));
        }
    }
}
