package io.shipwatch.gate;

import java.util.Map;

/**
 * The {@code provider:} of a spec: its type and settings as written, and where it was written, so the composition
 * root can build the backend and name the line when the type is unknown.
 */
public record ProviderSpec(String type, Map<String, String> settings, String where) {
    public ProviderSpec {
        settings = Map.copyOf(settings);
    }

    public String setting(String key) {
        return settings.get(key);
    }
}
