package io.shipwatch.cli;

import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.pipeline.GitLabPipelineParser;
import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.TraceExport;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.gitlab.GitLabClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shipwatch pipeline import gitlab}: a GitLab CI pipeline, from the REST API or from saved answers. */
@Command(name = "gitlab",
        description = {"Import a GitLab CI pipeline: from the REST API (--project, --pipeline-id; API from "
                + "CI_API_V4_URL or GITLAB_API_URL, token from GITLAB_TOKEN, else CI_JOB_TOKEN) or from saved API answers "
                + "(--file, twice: the pipeline and its jobs). Importing again overwrites the same spans."})
final class PipelineImportGitLabCommand implements Callable<Integer> {
    @ParentCommand
    PipelineImportCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Option(names = "--project", paramLabel = "ID", description = "The project's numeric id or path (group/project).")
    String project;

    @Option(names = "--pipeline-id", paramLabel = "N", description = "The pipeline's id (in its URL: /-/pipelines/N).")
    String pipelineId;

    @Option(names = "--file", paramLabel = "FILE", description = "A saved API answer: the pipeline, and (again) its "
            + "jobs. Instead of --project and --pipeline-id.")
    List<Path> files = new ArrayList<>();

    @Mixin
    SpanExportOptions exportTo = new SpanExportOptions();

    @Override
    public Integer call() throws ApiException, IOException {
        Map<String, String> env = parent.parent.env();
        Problems problems = new Problems();
        if (files.isEmpty()) {
            if (project == null || project.isBlank()) {
                problems.add("--project", "is required without --file", "give the project's id or path, or pass --file");
            }
            if (pipelineId == null || !pipelineId.matches("\\d{1,20}")) {
                problems.add("--pipeline-id", pipelineId == null ? "is required without --file"
                        : "'" + pipelineId + "' is not a pipeline id", "use the number after /-/pipelines/ in its URL");
            }
        } else if (project != null || pipelineId != null) {
            problems.add("--file", "given with --project or --pipeline-id", "use either saved answers or the API");
        }
        TraceExport.Destinations destinations = exportTo.destinations(env, problems);
        problems.throwIfAny();

        List<PipelineSpan> spans = files.isEmpty() ? fetch(env) : fromFiles();
        SpanExportOptions.exportImported(parent.parent.export(), spans, destinations, spec);
        return ExitCode.OK;
    }

    private List<PipelineSpan> fetch(Map<String, String> env) throws ApiException {
        String api = firstSet(env, "GITLAB_API_URL", "CI_API_V4_URL");
        String token = firstSet(env, "GITLAB_TOKEN", null);
        String jobToken = firstSet(env, "CI_JOB_TOKEN", null);
        Map<String, String> auth = token != null ? Map.of("PRIVATE-TOKEN", token)
                : jobToken != null ? Map.of("JOB-TOKEN", jobToken) : Map.of();
        try {
            GitLabClient.FetchedPipeline fetched = new GitLabClient(URI.create(api != null ? api : GitLabClient.DEFAULT_API), auth)
                    .fetch(project.trim(), pipelineId);
            return GitLabPipelineParser.parse(fetched.pipeline(), fetched.jobs());
        } catch (ProviderException e) {
            throw new ApiException(e.retryable() ? ExitCode.UNREACHABLE : ExitCode.REFUSED, e.getMessage());
        }
    }

    private List<PipelineSpan> fromFiles() throws IOException {
        JsonSource pipeline = null;
        List<JsonSource> jobs = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new InputException("--file", "'" + file + "' does not exist or is not a file", "pass a saved API answer");
            }
            JsonSource source = JsonSource.parse(file.toString(), Files.readAllBytes(file));
            if (source.root().isArray()) {
                jobs.add(source);
            } else if (pipeline == null) {
                pipeline = source;
            } else {
                throw new InputException("--file", "two pipelines given: " + pipeline.name() + " and " + file,
                        "import one pipeline at a time");
            }
        }
        if (pipeline == null || jobs.isEmpty()) {
            throw new InputException("--file", pipeline == null ? "no pipeline among the files" : "no jobs answer among the files",
                    "pass both: --file pipeline.json --file jobs.json");
        }
        return GitLabPipelineParser.parse(pipeline, jobs);
    }

    private static String firstSet(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        if (v != null && !v.isBlank()) {
            return v.trim();
        }
        return fallback == null ? null : firstSet(env, fallback, null);
    }
}
