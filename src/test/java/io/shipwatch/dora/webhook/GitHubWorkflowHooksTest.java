package io.shipwatch.dora.webhook;

import static io.shipwatch.dora.webhook.WebhookParsersTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.SpanStatus;
import io.shipwatch.pipeline.TraceIds;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitHubWorkflowHooksTest {
    static final String TRACE = TraceIds.traceId("github", "https://github.com/acme/shop", "500", "1");
    static final String JOB = TraceIds.spanId(TRACE, "job", "7001");

    @Test
    void completedJobIsTheImportsJobSpanWithQueueSetupAndStepsAsChildren() {
        List<PipelineSpan> spans = GitHubWorkflowHooks.workflowJob(fixture("github/workflow_job-completed.json"));
        PipelineSpan job = spans.get(0);
        assertThat(job.traceId()).isEqualTo(TRACE);
        assertThat(job.spanId()).isEqualTo(JOB);
        assertThat(job.parentSpanId()).isEqualTo(TraceIds.runSpanId(TRACE));
        assertThat(job.name()).isEqualTo("Build");
        assertThat(job.status()).isEqualTo(SpanStatus.OK);
        assertThat(job.unfinished()).isFalse();
        assertThat(job.startNanos()).isEqualTo(nanos("2026-11-11T11:05:02Z"));
        assertThat(job.endNanos()).isEqualTo(nanos("2026-11-11T11:11:00Z"));
        assertThat(job.attributes()).containsEntry("cicd.pipeline.name", "CI").containsEntry("cicd.pipeline.run.id", "500")
                .containsEntry("cicd.pipeline.task.run.id", "7001").containsEntry("shipwatch.run.attempt", "1")
                .containsEntry("vcs.ref.head.revision", "c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3")
                .containsEntry("cicd.worker.name", "GitHub Actions 12");
        assertThat(spans).extracting(PipelineSpan::name)
                .containsExactly("Build", "queued", "runner setup", "Set up job", "Run mvn verify", "Complete job");
        assertThat(spans.subList(1, spans.size())).allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(JOB));
        assertThat(spans.get(4).spanId()).isEqualTo(TraceIds.spanId(TRACE, "step", "7001", "2"));
    }

    @Test
    void jobNotYetCompletedIsUnfinishedWithoutSteps() {
        List<PipelineSpan> queued = GitHubWorkflowHooks.workflowJob(fixture("github/workflow_job-queued.json"));
        assertThat(queued).singleElement().satisfies(s -> {
            assertThat(s.spanId()).isEqualTo(JOB);
            assertThat(s.unfinished()).isTrue();
            assertThat(s.status()).isEqualTo(SpanStatus.UNSET);
        });
        List<PipelineSpan> running = GitHubWorkflowHooks.workflowJob(fixture("github/workflow_job-in_progress.json"));
        assertThat(running).extracting(PipelineSpan::name).containsExactly("Build", "queued");
        assertThat(running.get(0).unfinished()).isTrue();
        assertThat(running.get(0).endNanos()).isEqualTo(nanos("2026-11-11T11:05:20Z"));
    }

    @Test
    void workflowRunIsTheRunSpanFinishedOnlyWhenCompleted() {
        PipelineSpan running = GitHubWorkflowHooks.workflowRun(fixture("github/workflow_run-in_progress.json")).get(0);
        assertThat(running.spanId()).isEqualTo(TraceIds.runSpanId(TRACE));
        assertThat(running.parentSpanId()).isNull();
        assertThat(running.unfinished()).isTrue();
        List<PipelineSpan> done = GitHubWorkflowHooks.workflowRun(fixture("github/workflow_run-completed.json"));
        assertThat(done).singleElement().satisfies(s -> {
            assertThat(s.traceId()).isEqualTo(TRACE);
            assertThat(s.unfinished()).isFalse();
            assertThat(s.status()).isEqualTo(SpanStatus.OK);
            assertThat(s.endNanos()).isEqualTo(nanos("2026-11-11T11:12:00Z"));
            assertThat(s.attributes()).containsEntry("cicd.pipeline.name", "CI").containsEntry("cicd.pipeline.result", "success");
        });
    }

    @Test
    void jobWithoutRunIdNamesTheField() {
        assertThatThrownBy(() -> GitHubWorkflowHooks.workflowJob(fixture("github/workflow_job-without-run_id.json")))
                .isInstanceOf(InputException.class)
                .hasMessage("workflow_job.run_id: is missing; send the payload GitHub delivers, unchanged");
    }

    private static long nanos(String time) {
        Instant t = Instant.parse(time);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
