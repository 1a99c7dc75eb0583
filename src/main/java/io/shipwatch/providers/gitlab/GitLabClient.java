package io.shipwatch.providers.gitlab;

import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.http.JsonGet;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fetches a GitLab CI pipeline and every page of its jobs over the REST API v4 ({@code GET /projects/:id/pipelines/
 * :pipeline_id} and {@code .../jobs}). Authenticates with a personal or project token (PRIVATE-TOKEN) or, inside a
 * GitLab job, the job token (JOB-TOKEN). Fetches only; the {@code pipeline} parser makes spans.
 */
public final class GitLabClient {
    public static final String DEFAULT_API = "https://gitlab.com/api/v4";
    static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final URI api;
    private final Map<String, String> auth;
    private final int perPage;
    private final JsonGet json = new JsonGet("GitLab API");

    /** {@code auth} is the header to send: PRIVATE-TOKEN or JOB-TOKEN and its value, or empty. */
    public GitLabClient(URI api, Map<String, String> auth) {
        this(api, auth, PER_PAGE);
    }

    GitLabClient(URI api, Map<String, String> auth, int perPage) {
        String text = api.toString();
        this.api = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.auth = Map.copyOf(auth);
        this.perPage = perPage;
    }

    /** The pipeline's answer and its jobs' pages. */
    public record FetchedPipeline(JsonSource pipeline, List<JsonSource> jobs) {
    }

    /** {@code project} is the numeric id or the path ("group/project"). */
    public FetchedPipeline fetch(String project, String pipelineId) throws ProviderException {
        String base = "/projects/" + URLEncoder.encode(project, StandardCharsets.UTF_8) + "/pipelines/" + pipelineId;
        JsonSource pipeline = get(base);
        List<JsonSource> pages = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonSource jobs = get(base + "/jobs?per_page=" + perPage + "&page=" + page);
            pages.add(jobs);
            if (jobs.root().size() < perPage) {
                break;
            }
        }
        return new FetchedPipeline(pipeline, pages);
    }

    private JsonSource get(String path) throws ProviderException {
        return json.get(URI.create(api + path), auth, status -> status == 401 || status == 403
                ? "; set GITLAB_TOKEN to a token with read_api (or run inside the project's CI for CI_JOB_TOKEN)"
                : status == 404 ? "; check --project and --pipeline-id (a private project needs GITLAB_TOKEN)" : "").json();
    }
}
