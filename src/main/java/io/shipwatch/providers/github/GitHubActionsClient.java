package io.shipwatch.providers.github;

import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.providers.ProviderException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

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
        URI uri = URI.create(api + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProviderException("cannot reach the GitHub API at " + api + ": " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while calling the GitHub API", true, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            String message = body.replaceAll("(?s).*\"message\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            String hint = status == 401 || status == 403 ? "; set GITHUB_TOKEN to a token that can read Actions"
                    : status == 404 ? "; check --repo and --run-id (a private repository needs GITHUB_TOKEN)" : "";
            throw new ProviderException("GitHub API " + uri.getPath() + " answered " + status
                    + (message.equals(body) || message.isBlank() ? "" : ": " + message) + hint, status >= 500 || status == 429);
        }
        return JsonSource.parse(uri.toString(), response.body());
    }
}
