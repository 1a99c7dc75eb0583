package io.shipwatch.loadtest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;

/** Reads a whole pre-aggregated JSON report, turning a syntax error into {@code file:line: what; hint}. */
final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    static JsonNode read(InputStream in, String source, String hint) throws IOException {
        try {
            JsonNode node = MAPPER.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw new InputException(source, "the file is empty", hint);
            }
            if (!node.isObject()) {
                throw new InputException(source + ":1", "is JSON but not an object", hint);
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? source : source + ":" + at.getLineNr();
            String what = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
            boolean truncated = what.contains("end-of-input");
            throw new InputException(where, "not valid JSON (" + what + ")", truncated
                    ? "the file looks truncated; take the whole file" : hint);
        }
    }
}
