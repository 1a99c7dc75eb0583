package io.shipwatch.app;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the spec files that commands are given, with one-line errors naming the flag. */
final class SpecFiles {
    private SpecFiles() {
    }

    static String read(Path file, String flag, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(flag, "no file " + file, "give the path of " + what);
        } catch (IOException e) {
            throw new InputException(flag, "cannot read " + file + ": " + e.getMessage(), "check the path and permissions");
        }
    }
}
