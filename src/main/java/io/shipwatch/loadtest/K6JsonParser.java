package io.shipwatch.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shipwatch.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * k6's {@code --out json} results: one JSON object per line, {@code Metric} declarations and {@code Point} samples
 * (gzipped too, as {@code --out json=file.gz} writes). Every {@code http_req_duration} point is one request, labelled
 * by its {@code name} tag (k6 sets it to the URL unless the script names it). A point's time is the request's end.
 */
public final class K6JsonParser implements LoadTestParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HINT = "write results with k6 run --out json=results.json";

    @Override
    public String name() {
        return "k6-json";
    }

    @Override
    public String description() {
        return "k6 --out json results (NDJSON, also .gz)";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String first = sniff.firstLine().replace(" ", "");
        return first.startsWith("{") && (first.contains("\"type\":\"Metric\"") || first.contains("\"type\":\"Point\""));
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        RawResults results = new RawResults(name(), source, 1000);
        long lineNumber = 0;
        String line;
        while (true) {
            try {
                line = reader.readLine();
            } catch (IOException e) {
                throw new InputException(source + ":" + (lineNumber + 1), "cannot be read (" + e.getMessage() + ")",
                        "the file looks truncated; take the whole file as k6 wrote it");
            }
            if (line == null) {
                break;
            }
            lineNumber++;
            if (line.isBlank() || !line.contains("http_req_duration")) {
                continue;
            }
            addPoint(line, source + ":" + lineNumber, results);
        }
        return results.build("the file has no http_req_duration points; did the test make HTTP requests?",
                List.of("a request fails when its expected_response tag is false (k6's http_req_failed), "
                        + "or, without that tag, when its status is 0 or 400 and above"));
    }

    private static void addPoint(String line, String where, RawResults results) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InputException(where, "not valid JSON (" + e.getOriginalMessage() + ")",
                    "the file looks truncated or edited; take the whole file as k6 wrote it");
        }
        if (!"Point".equals(node.path("type").asText()) || !"http_req_duration".equals(node.path("metric").asText())) {
            return;
        }
        JsonNode data = node.path("data");
        JsonNode value = data.path("value");
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new InputException(where, "'data.value' is " + value + ", expected milliseconds", HINT);
        }
        Instant end;
        try {
            end = OffsetDateTime.parse(data.path("time").asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputException(where, "'data.time' is " + data.path("time") + ", expected an RFC 3339 time", HINT);
        }
        JsonNode tags = data.path("tags");
        double ms = value.asDouble();
        long endMicros = end.getEpochSecond() * 1_000_000L + end.getNano() / 1000;
        long startMicros = endMicros - Math.round(ms * 1000);
        results.add(label(tags), ms, succeeded(tags), startMicros, endMicros);
    }

    static String label(JsonNode tags) {
        String name = tags.path("name").asText("");
        if (name.isEmpty()) {
            name = tags.path("url").asText("");
        }
        return name.isEmpty() ? "(unnamed)" : name;
    }

    /** k6's own definition when the tag is there (http_req_failed), the status code otherwise. */
    static boolean succeeded(JsonNode tags) {
        String expected = tags.path("expected_response").asText("");
        if (!expected.isEmpty()) {
            return expected.equals("true");
        }
        return statusSucceeded(tags.path("status").asText(""));
    }

    static boolean statusSucceeded(String status) {
        try {
            int code = Integer.parseInt(status.trim());
            return code > 0 && code < 400;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
