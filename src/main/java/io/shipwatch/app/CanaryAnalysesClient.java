package io.shipwatch.app;

import io.shipwatch.cli.ApiClient;
import io.shipwatch.cli.ApiException;
import io.shipwatch.gate.CanaryAnalysis;
import io.shipwatch.json.Json;
import java.util.Map;

/** {@code canary judge} and {@code canary run} with a server: store the analysis for the web page. */
final class CanaryAnalysesClient {
    private CanaryAnalysesClient() {
    }

    /** POSTs the analysis (its id is the server's to give); returns the stored id. */
    static String save(ApiClient client, CanaryAnalysis analysis) throws ApiException {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = Json.mapper().convertValue(analysis, Map.class);
        body.remove("id");
        return client.post("/api/v1/canaries/analyses", body).get("id").asText();
    }
}
