package io.shipwatch.app;

import io.shipwatch.ci.RepositoryUrl;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Times;
import io.shipwatch.dora.ChangeFailureSource;
import io.shipwatch.dora.DoraService;
import io.shipwatch.dora.DoraSettings;
import io.shipwatch.dora.webhook.ServiceMap;
import io.shipwatch.http.WebhookRoutes;
import io.shipwatch.markers.MarkerStore;
import io.shipwatch.store.Database;
import io.shipwatch.store.JdbcDoraStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the DORA capability from the {@code dora:} section of the config, checking it first. */
final class DoraSetup {
    private DoraSetup() {
    }

    /** Checks the {@code dora:} and {@code webhooks:} sections; throws an {@link InputException} naming the key. */
    static void check(Config config) {
        settings(config.dora());
        serviceMap(config.dora());
        secrets(config.webhooks());
    }

    static DoraSettings settings(Config.DoraSection section) {
        List<String> production = section.productionEnvironments() == null ? DoraSettings.DEFAULT_PRODUCTION
                : section.productionEnvironments();
        if (production.isEmpty() || production.stream().anyMatch(e -> e == null || e.isBlank())) {
            throw new InputException("dora.productionEnvironments", "is empty or holds an empty name",
                    "list the environments that are production, e.g. [production, prod]");
        }
        Duration link = section.incidentLinkWindow() == null ? DoraSettings.DEFAULT_LINK_WINDOW
                : Times.parseDuration(section.incidentLinkWindow(), "dora.incidentLinkWindow");
        return new DoraSettings(Set.copyOf(production), link);
    }

    static Map<String, String> teams(Config.DoraSection section) {
        Map<String, String> teams = new HashMap<>();
        section.services().forEach((service, s) -> {
            if (s != null && s.team() != null) {
                teams.put(service, s.team());
            }
        });
        return teams;
    }

    /** Which repositories (and paths in them) each service is built from. */
    static ServiceMap serviceMap(Config.DoraSection section) {
        List<ServiceMap.Entry> entries = new ArrayList<>();
        section.services().forEach((service, s) -> {
            List<Config.RepositorySection> repos = s == null ? List.of() : s.repositories();
            for (int i = 0; i < repos.size(); i++) {
                String where = "dora.services." + service + ".repositories[" + i + "].url";
                String raw = repos.get(i).url();
                String url = raw == null ? null : RepositoryUrl.normalize(raw);
                if (url == null) {
                    throw new InputException(where, raw == null ? "is missing" : "'" + raw + "' is not a repository URL",
                            "use a URL such as https://github.com/acme/shop");
                }
                entries.add(new ServiceMap.Entry(service, url, repos.get(i).paths()));
            }
        });
        return new ServiceMap(entries);
    }

    /** The webhook secrets; a provider without one is not served. */
    static WebhookRoutes.Secrets secrets(Config.WebhooksSection section) {
        return new WebhookRoutes.Secrets(secret(section.github(), "webhooks.github.secret"),
                secret(section.gitlab(), "webhooks.gitlab.secret"),
                secret(section.alertmanager(), "webhooks.alertmanager.secret"),
                secret(section.pagerduty(), "webhooks.pagerduty.secret"),
                secret(section.argocd(), "webhooks.argocd.secret"), secret(section.flux(), "webhooks.flux.secret"));
    }

    private static String secret(Config.SecretSection section, String where) {
        if (section == null) {
            return null;
        }
        if (section.secret() == null || section.secret().length() < 16) {
            throw new InputException(where, "is missing or shorter than 16 characters",
                    "generate one with: openssl rand -hex 32");
        }
        return section.secret();
    }

    static DoraService service(Config.DoraSection section, Database database, MarkerStore markers,
                               List<ChangeFailureSource> failureSources, Clock clock) {
        return new DoraService(new JdbcDoraStore(database), markers, failureSources, settings(section), teams(section),
                clock);
    }
}
