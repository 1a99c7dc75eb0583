package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --spec FILE} and {@code --var NAME=VALUE}, shared by the gate and canary commands. */
public final class SpecOptions {

    @Option(names = "--spec", paramLabel = "FILE", description = "The spec file (YAML).")
    public Path file;

    /** The spec file; a missing --spec is an input error naming the flag. */
    public Path required(String what) {
        if (file == null) {
            throw new InputException("--spec", "is missing", "give the path of " + what);
        }
        return file;
    }

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Fills {{NAME}} in queries (for both groups of "
            + "a canary); repeatable; wins over the spec's vars.")
    public Map<String, String> vars = new LinkedHashMap<>();
}
