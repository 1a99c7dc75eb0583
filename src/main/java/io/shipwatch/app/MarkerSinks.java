package io.shipwatch.app;

import io.shipwatch.core.InputException;
import io.shipwatch.markers.MarkerSink;
import io.shipwatch.providers.datadog.DatadogMarkerSink;
import io.shipwatch.providers.datadog.DatadogSinkConfig;
import io.shipwatch.providers.grafana.GrafanaMarkerSink;
import io.shipwatch.providers.grafana.GrafanaSinkConfig;
import io.shipwatch.providers.http.SinkHttp;
import io.shipwatch.providers.webhook.WebhookMarkerSink;
import io.shipwatch.providers.webhook.WebhookSinkConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The one place that knows the concrete marker sinks: builds the configured ones from {@code sinks:}. */
final class MarkerSinks {
    private MarkerSinks() {
    }

    /** Builds and checks every configured sink; a bad entry is an {@link InputException} naming its key. */
    static List<MarkerSink> from(Config.SinksSection section) {
        HttpClient http = SinkHttp.newClient();
        List<MarkerSink> sinks = new ArrayList<>();
        try {
            if (section.grafana() != null) {
                Config.GrafanaSection g = section.grafana();
                sinks.add(new GrafanaMarkerSink(new GrafanaSinkConfig(uri(g.url(), "grafana.url"), g.token(),
                        g.dashboardUid(), g.tags() == null ? List.of() : g.tags()), http));
            }
            if (section.datadog() != null) {
                Config.DatadogSection d = section.datadog();
                List<String> tags = d.tags() == null ? List.of() : d.tags();
                sinks.add(new DatadogMarkerSink(d.url() != null
                        ? new DatadogSinkConfig(uri(d.url(), "datadog.url"), d.apiKey(), tags)
                        : DatadogSinkConfig.forSite(d.site() == null ? "datadoghq.com" : d.site(), d.apiKey(), tags),
                        http));
            }
            Set<String> names = new HashSet<>();
            for (Config.WebhookSection w : section.webhooks()) {
                if (!names.add(String.valueOf(w.name()))) {
                    throw new InputException("webhooks", "two webhooks are named '" + w.name() + "'",
                            "give each webhook its own name");
                }
                sinks.add(new WebhookMarkerSink(new WebhookSinkConfig(w.name(), uri(w.url(), "webhook." + w.name()
                        + ".url"), w.headers(), w.secret()), http));
            }
        } catch (InputException e) {
            // the sinks name their own keys; in the file they sit under sinks:
            throw new InputException(e.errors().stream()
                    .map(p -> new InputException.Problem("sinks." + p.where(), p.problem(), p.hint())).toList());
        }
        return sinks;
    }

    private static URI uri(String text, String where) {
        if (text == null) {
            return null;
        }
        try {
            return URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InputException(where, "'" + text + "' is not a URL", "use a URL such as https://host:port");
        }
    }
}
