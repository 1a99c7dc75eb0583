package io.shipwatch.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The parsers' own fixtures under src/test/resources/loadtest, read as the CLI reads files. */
final class Fixtures {
    private Fixtures() {
    }

    /** Reads {@code name} (relative to loadtest/) with detection or a named format; messages name it {@code name}. */
    static LoadTestResult read(String name, String format) {
        try (InputStream in = open(name)) {
            return LoadTestParsers.read(in, name, Path.of(name).getFileName().toString(), format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadTestResult read(String name) {
        return read(name, LoadTestParsers.AUTO);
    }

    static InputStream open(String name) {
        InputStream in = Fixtures.class.getResourceAsStream("/loadtest/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no fixture loadtest/" + name);
        }
        return in;
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/loadtest/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode json(String name) {
        try (InputStream in = open(name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
