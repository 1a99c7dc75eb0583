package io.shipwatch.providers.github;

import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.http.JsonGet;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches a GitHub Actions workflow run and its jobs over the REST API: {@code GET /repos/{owner}/{repo}/actions/
 * runs/{id}[/attempts/{n}]} and every page of {@code .../runs/{id}/attempts/{n}/jobs}. Fetches only; the
 * {@code pipeline} parser turns the answers into spans.
 */
public final class GitHubActionsClient {
    public static final String DEFAULT_API = "https://api.github.com";
    static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final URI api;
    private final String token;
    private final int perPage;
    private final JsonGet json = new JsonGet("GitHub API");

    /** A client for {@code api} (GITHUB_API_URL on GitHub Enterprise); {@code token} may be null for public repos. */
    public GitHubActionsClient(URI api, String token) {
        this(api, token, PER_PAGE);
    }

    GitHubActionsClient(URI api, String token, int perPage) {
        this.perPage = perPage;
        String text = api.toString();
        this.api = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
    }

    /** The run's answer and its jobs' pages. */
    public record FetchedRun(JsonSource run, List<JsonSource> jobs) {
    }

    /** The run (its attempt {@code attempt}, or the latest when null) and all of that attempt's jobs. */
    public FetchedRun fetch(String repository, String runId, String attempt) throws ProviderException {
        String runPath = "/repos/" + repository + "/actions/runs/" + runId;
        JsonSource run = get(attempt == null ? runPath : runPath + "/attempts/" + attempt);
        String n = attempt != null ? attempt : run.root().path("run_attempt").asText("1");
        List<JsonSource> pages = new ArrayList<>();
        int seen = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonSource jobs = get(runPath + "/attempts/" + n + "/jobs?per_page=" + perPage + "&page=" + page);
            pages.add(jobs);
            int count = jobs.root().path("jobs").size();
            seen += count;
            if (count < perPage || seen >= jobs.root().path("total_count").asInt(0)) {
                break;
            }
        }
        return new FetchedRun(run, pages);
    }

    private JsonSource get(String path) throws ProviderException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return json.get(URI.create(api + path), headers, status -> status == 401 || status == 403
                ? "; set GITHUB_TOKEN to a token that can read Actions"
                : status == 404 ? "; check --repo and --run-id (a private repository needs GITHUB_TOKEN)" : "").json();
    }
}
