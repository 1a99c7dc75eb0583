package io.shipwatch.dora.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services a repository builds, and from which paths: one repository can feed several services (a monorepo),
 * each from its own path prefixes; a service without prefixes owns the whole repository.
 */
public record ServiceMap(List<Entry> entries) {

    /** One service's part of one repository: its path prefixes (empty: all of it). */
    public record Entry(String service, String repositoryUrl, List<String> paths) {
        public Entry {
            paths = List.copyOf(paths);
        }

        boolean touchedBy(List<String> changed) {
            return paths.isEmpty() || changed.stream().anyMatch(c -> paths.stream().anyMatch(c::startsWith));
        }
    }

    public ServiceMap {
        entries = List.copyOf(entries);
    }

    public static ServiceMap empty() {
        return new ServiceMap(List.of());
    }

    /** The services built from {@code repositoryUrl}, sorted. */
    public Set<String> services(String repositoryUrl) {
        Set<String> out = new TreeSet<>();
        entries.stream().filter(e -> e.repositoryUrl().equals(repositoryUrl)).forEach(e -> out.add(e.service()));
        return out;
    }

    /** The commits among {@code commits} that belong to {@code service}: those touching its paths in that repository. */
    public List<WebhookEvent.PushedCommit> belongingTo(String service, String repositoryUrl,
                                                      List<WebhookEvent.PushedCommit> commits) {
        List<Entry> mine = entries.stream()
                .filter(e -> e.service().equals(service) && e.repositoryUrl().equals(repositoryUrl)).toList();
        if (mine.isEmpty()) {
            return commits; // not mapped: the repository is the service's own
        }
        List<WebhookEvent.PushedCommit> out = new ArrayList<>();
        for (WebhookEvent.PushedCommit c : commits) {
            if (mine.stream().anyMatch(e -> e.touchedBy(c.paths()))) {
                out.add(c);
            }
        }
        return out;
    }
}
