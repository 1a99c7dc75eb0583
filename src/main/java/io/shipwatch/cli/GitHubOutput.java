package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The file GitHub Actions reads a step's outputs from, named by {@code $GITHUB_OUTPUT}: one {@code name=value} line
 * per output. Absent outside GitHub Actions, and then every method does nothing.
 */
final class GitHubOutput {
    static final String VARIABLE = "GITHUB_OUTPUT";
    /** The file whose {@code NAME=value} lines GitHub Actions sets as environment variables of the later steps. */
    static final String ENV_VARIABLE = "GITHUB_ENV";
    private final String variable;
    private final String path;

    private GitHubOutput(String variable, String path) {
        this.variable = variable;
        this.path = path;
    }

    static GitHubOutput of(Map<String, String> env) {
        return named(VARIABLE, env);
    }

    /** The file of {@code $GITHUB_ENV}: what is appended becomes the environment of the job's later steps. */
    static GitHubOutput env(Map<String, String> env) {
        return named(ENV_VARIABLE, env);
    }

    private static GitHubOutput named(String variable, Map<String, String> env) {
        String path = env.get(variable);
        return new GitHubOutput(variable, path == null || path.isBlank() ? null : path);
    }

    String variable() {
        return variable;
    }

    /** Adds a problem when the file is set but cannot be written, so that is known before anything is sent. */
    void check(Problems problems) {
        if (path == null) {
            return;
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            problems.add(variable, "'" + path + "' is not a file path", "unset it or point it at a writable file");
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        boolean writable = Files.exists(file)
                ? Files.isRegularFile(file) && Files.isWritable(file)
                : dir != null && Files.isDirectory(dir) && Files.isWritable(dir);
        if (!writable) {
            problems.add(variable, "'" + path + "' cannot be written", "unset it or point it at a writable file");
        }
    }

    /** Appends {@code name=value}; the value must be one line (GitHub would read a second line as another output). */
    void append(String name, String value) throws IOException {
        if (path == null) {
            return;
        }
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("an output value must be one line: " + name);
        }
        Files.writeString(Path.of(path), name + "=" + value + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    String path() {
        return path;
    }
}
