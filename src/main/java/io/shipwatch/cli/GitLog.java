package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commits a deployment ships, from {@code git log PREVIOUS..HEAD --no-merges} in a working copy: merge commits are
 * left out (their changes are the merged commits), as Datadog's DORA lead time does.
 */
final class GitLog {
    static final String WHERE = "--commits-from-git";
    private static final String HINT = "run in the repository's working copy with its full history "
            + "(actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0)";

    /** One commit as the API takes it. */
    record CommitLine(String sha, String committedAt, String authoredAt, String message) {
    }

    private GitLog() {
    }

    /** The commits after {@code previous} up to {@code head}, newest first, touching {@code paths} when given. */
    static List<CommitLine> between(Path dir, String previous, String head, List<String> paths) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "log", "--no-merges",
                "--format=%H%x1f%cI%x1f%aI%x1f%s", previous + ".." + head));
        if (!paths.isEmpty()) {
            command.add("--");
            command.addAll(paths);
        }
        String output = run(command);
        List<CommitLine> commits = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\u001f", 4);
            commits.add(new CommitLine(f[0], utc(f[1]), utc(f[2]), f.length > 3 ? f[3] : ""));
        }
        return commits;
    }

    private static String utc(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toString();
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InputException(WHERE, "git log did not finish within 60 s", HINT);
            }
            if (p.exitValue() != 0) {
                String first = err.lines().findFirst().orElse("exit " + p.exitValue());
                throw new InputException(WHERE, "git log failed: " + first, HINT);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(WHERE, "cannot run git: " + e.getMessage(), "install git, or leave the flag out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(WHERE, "interrupted while running git", null);
        }
    }
}
