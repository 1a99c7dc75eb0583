package io.shipwatch.dora.webhook;

import static io.shipwatch.dora.webhook.WebhookParsersTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import io.shipwatch.pipeline.GitLabPipelineParser;
import io.shipwatch.pipeline.JsonSource;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.TraceIds;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitLabPipelineHooksTest {
    static final String TRACE = TraceIds.traceId("gitlab", "https://gitlab.example.com/acme/search", "4242", null);

    @Test
    void pipelineHookMakesTheSpansOfAnImportOfTheSamePipeline() {
        List<PipelineSpan> hook = GitLabPipelineHooks.pipelineHook(fixture("gitlab/pipeline-failed.json"));
        List<PipelineSpan> imported = GitLabPipelineParser.parse(source("pipeline-4242.json"), List.of(source("jobs-4242.json")));
        assertThat(hook).extracting(PipelineSpan::spanId).containsExactlyElementsOf(
                imported.stream().map(PipelineSpan::spanId).toList());
        assertThat(hook).extracting(PipelineSpan::parentSpanId).containsExactlyElementsOf(
                imported.stream().map(PipelineSpan::parentSpanId).toList());
        assertThat(hook).extracting(PipelineSpan::endNanos).containsExactlyElementsOf(
                imported.stream().map(PipelineSpan::endNanos).toList());
        assertThat(hook).extracting(PipelineSpan::status).containsExactlyElementsOf(
                imported.stream().map(PipelineSpan::status).toList());
        assertThat(hook.get(0).traceId()).isEqualTo(TRACE);
        assertThat(hook.get(0).name()).isEqualTo("Merge request pipeline");
        assertThat(hook).noneMatch(PipelineSpan::unfinished);
    }

    @Test
    void pipelineStillRunningAndItsRunningJobAreUnfinished() {
        List<PipelineSpan> spans = GitLabPipelineHooks.pipelineHook(fixture("gitlab/pipeline-running.json"));
        assertThat(spans.get(0).unfinished()).isTrue();
        assertThat(spans).filteredOn(PipelineSpan::unfinished).extracting(PipelineSpan::name)
                .containsExactly("Merge request pipeline", "unit");
    }

    @Test
    void jobHookIsTheImportsJobSpanWithThePipelinesAttributes() {
        List<PipelineSpan> spans = GitLabPipelineHooks.jobHook(fixture("gitlab/job-failed.json"));
        PipelineSpan job = spans.get(0);
        assertThat(job.traceId()).isEqualTo(TRACE);
        assertThat(job.spanId()).isEqualTo(TraceIds.spanId(TRACE, "job", "9902"));
        assertThat(job.parentSpanId()).isEqualTo(TraceIds.runSpanId(TRACE));
        assertThat(job.statusMessage()).isEqualTo("status: failed (script_failure)");
        assertThat(job.attributes()).containsEntry("cicd.pipeline.run.id", "4242").containsEntry("shipwatch.stage", "test")
                .containsEntry("vcs.repository.url.full", "https://gitlab.example.com/acme/search")
                .containsEntry("cicd.worker.name", "shared-runner-2").doesNotContainKey(PipelineSpan.UNFINISHED);
        assertThat(spans).extracting(PipelineSpan::name).containsExactly("unit", "queued");
    }

    @Test
    void jobHookWithABadTimeNamesTheField() {
        assertThatThrownBy(() -> GitLabPipelineHooks.jobHook(fixture("gitlab/job-bad-time.json")))
                .isInstanceOf(InputException.class)
                .hasMessage("build_created_at: 'yesterday' is not a time; send the payload GitLab delivers, unchanged");
    }

    private static JsonSource source(String name) {
        try (InputStream in = GitLabPipelineHooksTest.class.getResourceAsStream("/pipeline/gitlab/" + name)) {
            return JsonSource.parse(name, in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
