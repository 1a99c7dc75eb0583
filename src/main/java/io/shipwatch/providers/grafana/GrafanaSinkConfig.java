package io.shipwatch.providers.grafana;

import io.shipwatch.providers.http.SinkHttp;
import java.net.URI;
import java.util.List;

/**
 * Where and how to annotate Grafana: its base URL, a service-account token (sent as Bearer), the dashboard to pin
 * annotations to (null for an organisation-wide annotation) and tags added to every annotation.
 */
public record GrafanaSinkConfig(URI url, String token, String dashboardUid, List<String> extraTags) {

    public GrafanaSinkConfig {
        SinkHttp.requireHttpUrl(url, "grafana.url", "https://grafana.example.com");
        SinkHttp.requireSecret(token, "grafana.token", "create a service-account token with the annotations:write permission");
        dashboardUid = dashboardUid == null || dashboardUid.isBlank() ? null : dashboardUid;
        extraTags = extraTags == null ? List.of() : List.copyOf(extraTags);
    }

    /** Leaves the token out, so logging a config never leaks it. */
    @Override
    public String toString() {
        return "GrafanaSinkConfig[url=" + url + ", token=***, dashboardUid=" + dashboardUid + ", extraTags=" + extraTags + "]";
    }
}
