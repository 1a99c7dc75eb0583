package io.shipwatch.loadtest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes realistic JMeter result files for comparison tests: a checkout service's endpoints with log-normal
 * latencies (a long right tail, as real services have), about 1 % errors, and requests interleaved over time as
 * several threads send them. The same seed gives the same file.
 */
public final class JMeterRuns {
    /** Endpoint and median latency in milliseconds. */
    public static final Map<String, Integer> ENDPOINTS = Map.of("GET /products", 45, "POST /cart", 110,
            "GET /checkout", 180);

    private JMeterRuns() {
    }

    /** One run of {@code perEndpoint} requests per endpoint; {@code slower} adds {@code extraMs} to that endpoint. */
    public static Path write(Path file, long seed, int perEndpoint, String slower, int extraMs) {
        Random random = new Random(seed);
        List<String> names = ENDPOINTS.keySet().stream().sorted().toList();
        long time = 1764165600000L;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.join(",", JMeterCsvParser.DEFAULT_COLUMNS));
            w.write('\n');
            for (int i = 0; i < perEndpoint * names.size(); i++) {
                String label = names.get(i % names.size());
                double ms = ENDPOINTS.get(label) * Math.exp(random.nextGaussian() * 0.35);
                long elapsed = Math.round(ms) + (label.equals(slower) ? extraMs : 0);
                boolean ok = random.nextDouble() >= 0.01;
                time += random.nextInt(12);
                w.write(time + "," + elapsed + "," + label + "," + (ok ? "200,OK" : "500,Internal Server Error")
                        + ",Thread Group 1-" + (i % 8 + 1) + ",text," + ok + "," + (ok ? "" : "\"Response code was 500, expected 200\"")
                        + ",1532,211,8,8,http://127.0.0.1:8080/" + label.substring(label.indexOf('/') + 1) + ","
                        + Math.max(0, elapsed - 4) + ",0,1\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
