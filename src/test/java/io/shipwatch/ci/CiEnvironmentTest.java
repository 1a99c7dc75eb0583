package io.shipwatch.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CiEnvironmentTest {

    private static final String SHA = "ffac537e6cbbf934b08745a378932722df287a53";

    private static final Map<String, String> LAPTOP = Map.of(
            "HOME", "/home/jane",
            "PATH", "/usr/local/bin:/usr/bin:/bin",
            "USER", "jane",
            "SHELL", "/bin/zsh",
            "LANG", "en_GB.UTF-8",
            "TERM", "xterm-256color");

    /** A push to main, as a GitHub-hosted runner sets it (plus the usual noise). */
    static Map<String, String> gitHubPush() {
        Map<String, String> env = new HashMap<>(LAPTOP);
        env.putAll(Map.ofEntries(
                entry("CI", "true"),
                entry("GITHUB_ACTIONS", "true"),
                entry("GITHUB_SHA", SHA),
                entry("GITHUB_SERVER_URL", "https://github.com"),
                entry("GITHUB_REPOSITORY", "octo-org/shop"),
                entry("GITHUB_RUN_ID", "1658821493"),
                entry("GITHUB_RUN_NUMBER", "87"),
                entry("GITHUB_RUN_ATTEMPT", "2"),
                entry("GITHUB_WORKFLOW", "Deploy to production"),
                entry("GITHUB_JOB", "deploy"),
                entry("GITHUB_ACTOR", "octocat"),
                entry("GITHUB_EVENT_NAME", "push"),
                entry("GITHUB_REF", "refs/heads/main"),
                entry("GITHUB_REF_NAME", "main"),
                entry("GITHUB_REF_TYPE", "branch"),
                entry("GITHUB_HEAD_REF", ""),
                entry("GITHUB_BASE_REF", ""),
                entry("RUNNER_NAME", "GitHub Actions 2"),
                entry("RUNNER_OS", "Linux"),
                entry("GITHUB_OUTPUT", "/home/runner/work/_temp/_runner_file_commands/set_output_5b1e")));
        return env;
    }

    @Test
    void readsGitHubActionsPush() {
        assertThat(CiEnvironment.detect(gitHubPush())).isEqualTo(new CiContext(
                "github",
                SHA,
                "https://github.com/octo-org/shop",
                "main",
                "1658821493",
                "2",
                "https://github.com/octo-org/shop/actions/runs/1658821493/attempts/2",
                "Deploy to production",
                "deploy",
                null,
                "octocat",
                null,
                "GitHub Actions 2",
                "branch",
                null,
                null));
    }

    @Test
    void readsTheGitHubJobIdPassedFromTheJobContext() {
        Map<String, String> env = gitHubPush();
        env.put("SHIPWATCH_JOB_ID", "47022208955"); // SHIPWATCH_JOB_ID: ${{ job.check_run_id }}
        CiContext ci = CiEnvironment.detect(env);
        assertThat(ci.jobId()).isEqualTo("47022208955");
        assertThat(ci.jobUrl()).isEqualTo("https://github.com/octo-org/shop/actions/runs/1658821493/job/47022208955");
        env.put("SHIPWATCH_JOB_ID", "${{ job.check_run_id }}"); // not an id: the job's key stays the span's name
        assertThat(CiEnvironment.detect(env).jobId()).isNull();
    }

    @Test
    void readsGitHubActionsPullRequestBranchAndNumber() {
        Map<String, String> env = gitHubPush();
        env.put("GITHUB_EVENT_NAME", "pull_request");
        env.put("GITHUB_REF", "refs/pull/42/merge");
        env.put("GITHUB_REF_NAME", "42/merge");
        env.put("GITHUB_HEAD_REF", "feature/login");
        env.put("GITHUB_BASE_REF", "main");

        CiContext ci = CiEnvironment.detect(env);

        assertThat(ci.refName()).isEqualTo("feature/login");
        assertThat(ci.changeId()).isEqualTo("42");
        assertThat(ci.baseRefName()).isEqualTo("main");
    }

    @Test
    void readsGitLabMergeRequestPipeline() {
        Map<String, String> env = new HashMap<>(LAPTOP);
        env.putAll(Map.ofEntries(
                entry("CI", "true"),
                entry("GITLAB_CI", "true"),
                entry("CI_COMMIT_SHA", SHA),
                entry("CI_PROJECT_URL", "https://gitlab.example.com/acme/payments/api"),
                entry("CI_PROJECT_PATH", "acme/payments/api"),
                entry("CI_REPOSITORY_URL", "https://gitlab-ci-token:glcbt-64_Xr1sE3cret@gitlab.example.com/acme/payments/api.git"),
                entry("CI_PIPELINE_ID", "1045"),
                entry("CI_PIPELINE_URL", "https://gitlab.example.com/acme/payments/api/-/pipelines/1045"),
                entry("CI_JOB_NAME", "deploy-prod"),
                entry("CI_JOB_ID", "88123"),
                entry("CI_JOB_URL", "https://gitlab.example.com/acme/payments/api/-/jobs/88123"),
                entry("CI_JOB_STAGE", "deploy"),
                entry("GITLAB_USER_LOGIN", "jdoe"),
                entry("CI_COMMIT_REF_NAME", "feature/refunds"),
                entry("CI_COMMIT_BRANCH", ""),
                entry("CI_MERGE_REQUEST_IID", "17"),
                entry("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature/refunds"),
                entry("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
                entry("CI_RUNNER_DESCRIPTION", "shared-runners-manager-6.gitlab.com"),
                entry("CI_RUNNER_ID", "12270831")));

        assertThat(CiEnvironment.detect(env)).isEqualTo(new CiContext(
                "gitlab",
                SHA,
                "https://gitlab.example.com/acme/payments/api",
                "feature/refunds",
                "1045",
                null,
                "https://gitlab.example.com/acme/payments/api/-/pipelines/1045",
                "acme/payments/api",
                "deploy-prod",
                "88123",
                "jdoe",
                "17",
                "shared-runners-manager-6.gitlab.com",
                "branch",
                "main",
                "https://gitlab.example.com/acme/payments/api/-/jobs/88123"));
    }

    @Test
    void gitLabPrefersNamedPipelineAndMarksTags() {
        Map<String, String> env = Map.of(
                "GITLAB_CI", "true",
                "CI_PIPELINE_NAME", "Release v2.4.0",
                "CI_PROJECT_PATH", "acme/payments/api",
                "CI_COMMIT_REF_NAME", "v2.4.0",
                "CI_COMMIT_TAG", "v2.4.0");

        CiContext ci = CiEnvironment.detect(env);

        assertThat(ci.pipelineName()).isEqualTo("Release v2.4.0");
        assertThat(ci.refName()).isEqualTo("v2.4.0");
        assertThat(ci.refType()).isEqualTo("tag");
    }

    @Test
    void gitLabRepositoryUrlFromTheCloneUrlNeverCarriesTheJobToken() {
        Map<String, String> env = Map.of(
                "GITLAB_CI", "true",
                "CI_REPOSITORY_URL", "https://gitlab-ci-token:glcbt-64_Xr1sE3cret@gitlab.com/g/p.git");

        CiContext ci = CiEnvironment.detect(env);

        assertThat(ci.repositoryUrl()).isEqualTo("https://gitlab.com/g/p");
        assertThat(ci.toString()).doesNotContain("Xr1sE3cret").doesNotContain("gitlab-ci-token");
    }

    @Test
    void readsJenkinsMultibranchPullRequest() {
        Map<String, String> env = new HashMap<>(LAPTOP);
        env.putAll(Map.ofEntries(
                entry("JENKINS_URL", "https://jenkins.example.com/"),
                entry("JENKINS_HOME", "/var/jenkins_home"),
                entry("GIT_COMMIT", SHA),
                entry("GIT_URL", "https://jenkins-bot:s3cr3t-pass@github.com/acme/shop.git"),
                entry("GIT_BRANCH", "PR-15"),
                entry("BUILD_NUMBER", "87"),
                entry("BUILD_ID", "87"),
                entry("BUILD_URL", "https://jenkins.example.com/job/shop/job/PR-15/87/"),
                entry("JOB_NAME", "shop/PR-15"),
                entry("STAGE_NAME", "Deploy"),
                entry("BRANCH_NAME", "PR-15"),
                entry("CHANGE_ID", "15"),
                entry("CHANGE_BRANCH", "feature/cart"),
                entry("CHANGE_TARGET", "main"),
                entry("BUILD_USER_ID", "jdoe"),
                entry("NODE_NAME", "linux-agent-2"),
                entry("EXECUTOR_NUMBER", "1")));

        assertThat(CiEnvironment.detect(env)).isEqualTo(new CiContext(
                "jenkins",
                SHA,
                "https://github.com/acme/shop",
                "feature/cart",
                "87",
                null,
                "https://jenkins.example.com/job/shop/job/PR-15/87/",
                "shop/PR-15",
                "Deploy",
                null,
                "jdoe",
                "15",
                "linux-agent-2",
                "branch",
                "main",
                null));
    }

    @Test
    void jenkinsFreestyleBranchLosesTheRemoteName() {
        Map<String, String> env = Map.of(
                "JENKINS_URL", "https://jenkins.example.com/",
                "GIT_BRANCH", "origin/release/2.4",
                "BUILD_ID", "12");

        CiContext ci = CiEnvironment.detect(env);

        assertThat(ci.refName()).isEqualTo("release/2.4");
        assertThat(ci.runId()).isEqualTo("12");
    }

    @Test
    void readsCircleCiWorkflowJob() {
        Map<String, String> env = new HashMap<>(LAPTOP);
        env.putAll(Map.ofEntries(
                entry("CI", "true"),
                entry("CIRCLECI", "true"),
                entry("CIRCLE_SHA1", SHA),
                entry("CIRCLE_REPOSITORY_URL", "git@github.com:acme/shop.git"),
                entry("CIRCLE_PROJECT_USERNAME", "acme"),
                entry("CIRCLE_PROJECT_REPONAME", "shop"),
                entry("CIRCLE_WORKFLOW_ID", "6d3f4ad8-1f2c-4c84-9c8b-2e6f2ff0a1b2"),
                entry("CIRCLE_WORKFLOW_JOB_ID", "0e6c8d5a-7a0d-4f3b-a8a1-3d6f2b1c9e77"),
                entry("CIRCLE_BUILD_NUM", "2041"),
                entry("CIRCLE_BUILD_URL", "https://circleci.com/gh/acme/shop/2041"),
                entry("CIRCLE_JOB", "deploy"),
                entry("CIRCLE_USERNAME", "jdoe"),
                entry("CIRCLE_BRANCH", "feature/cart"),
                entry("CIRCLE_PULL_REQUEST", "https://github.com/acme/shop/pull/77"),
                entry("CIRCLE_NODE_INDEX", "0")));

        assertThat(CiEnvironment.detect(env)).isEqualTo(new CiContext(
                "circleci",
                SHA,
                "https://github.com/acme/shop",
                "feature/cart",
                "6d3f4ad8-1f2c-4c84-9c8b-2e6f2ff0a1b2",
                null,
                "https://circleci.com/gh/acme/shop/2041",
                "shop",
                "deploy",
                "2041",
                "jdoe",
                "77",
                null,
                "branch",
                null,
                "https://circleci.com/gh/acme/shop/2041"));
    }

    @Test
    void circleCiForkedPullRequestNumberWins() {
        Map<String, String> env = Map.of(
                "CIRCLECI", "true",
                "CIRCLE_PR_NUMBER", "78",
                "CIRCLE_PULL_REQUEST", "https://github.com/acme/shop/pull/77",
                "CIRCLE_BUILD_NUM", "2042");

        CiContext ci = CiEnvironment.detect(env);

        assertThat(ci.changeId()).isEqualTo("78");
        assertThat(ci.runId()).isEqualTo("2042");
    }

    @Test
    void readsBuildkiteRetriedJob() {
        Map<String, String> env = new HashMap<>(LAPTOP);
        env.putAll(Map.ofEntries(
                entry("CI", "true"),
                entry("BUILDKITE", "true"),
                entry("BUILDKITE_COMMIT", SHA),
                entry("BUILDKITE_REPO", "git@github.com:acme/shop.git"),
                entry("BUILDKITE_BUILD_ID", "f62a1b4d-10f9-4790-bc1c-e2c3a0c80983"),
                entry("BUILDKITE_BUILD_NUMBER", "1514"),
                entry("BUILDKITE_BUILD_URL", "https://buildkite.com/acme/shop/builds/1514"),
                entry("BUILDKITE_RETRY_COUNT", "1"),
                entry("BUILDKITE_PIPELINE_SLUG", "shop"),
                entry("BUILDKITE_ORGANIZATION_SLUG", "acme"),
                entry("BUILDKITE_LABEL", ":rocket: Deploy"),
                entry("BUILDKITE_JOB_ID", "e44f9784-e20e-4b93-a21d-f41fd5869db9"),
                entry("BUILDKITE_BUILD_CREATOR", "Jane Doe"),
                entry("BUILDKITE_BUILD_AUTHOR", "Jim Committer"),
                entry("BUILDKITE_BRANCH", "main"),
                entry("BUILDKITE_TAG", ""),
                entry("BUILDKITE_PULL_REQUEST", "false"),
                entry("BUILDKITE_PULL_REQUEST_BASE_BRANCH", ""),
                entry("BUILDKITE_AGENT_NAME", "ci-agent-3"),
                entry("BUILDKITE_AGENT_ACCESS_TOKEN", "agent-session-token")));

        assertThat(CiEnvironment.detect(env)).isEqualTo(new CiContext(
                "buildkite",
                SHA,
                "https://github.com/acme/shop",
                "main",
                "f62a1b4d-10f9-4790-bc1c-e2c3a0c80983",
                "2",
                "https://buildkite.com/acme/shop/builds/1514",
                "shop",
                ":rocket: Deploy",
                "e44f9784-e20e-4b93-a21d-f41fd5869db9",
                "Jane Doe",
                null,
                "ci-agent-3",
                "branch",
                null,
                "https://buildkite.com/acme/shop/builds/1514#e44f9784-e20e-4b93-a21d-f41fd5869db9"));
    }

    @Test
    void buildkitePullRequestNumberAndBase() {
        Map<String, String> env = Map.of(
                "BUILDKITE", "true",
                "BUILDKITE_PULL_REQUEST", "301",
                "BUILDKITE_PULL_REQUEST_BASE_BRANCH", "main",
                "BUILDKITE_BUILD_AUTHOR", "Jim Committer");

        CiContext ci = CiEnvironment.detect(env);

        assertThat(ci.changeId()).isEqualTo("301");
        assertThat(ci.baseRefName()).isEqualTo("main");
        assertThat(ci.actor()).isEqualTo("Jim Committer");
    }

    @Test
    void readsAzurePipelinesPullRequestBuild() {
        Map<String, String> env = new HashMap<>(LAPTOP);
        env.putAll(Map.ofEntries(
                entry("TF_BUILD", "True"),
                entry("BUILD_SOURCEVERSION", SHA),
                entry("BUILD_REPOSITORY_URI", "https://fabrikam@dev.azure.com/fabrikam/Fabrikam%20Fiber/_git/shop"),
                entry("BUILD_BUILDID", "9213"),
                entry("BUILD_BUILDNUMBER", "20261126.3"),
                entry("SYSTEM_COLLECTIONURI", "https://dev.azure.com/fabrikam/"),
                entry("SYSTEM_TEAMPROJECT", "Fabrikam Fiber"),
                entry("SYSTEM_JOBATTEMPT", "1"),
                entry("BUILD_DEFINITIONNAME", "shop-deploy"),
                entry("AGENT_JOBNAME", "Deploy"),
                entry("SYSTEM_JOBDISPLAYNAME", "Deploy to production"),
                entry("SYSTEM_JOBID", "12f1170f-54f2-53f3-20dd-22fc7dff55f9"),
                entry("BUILD_REQUESTEDFOR", "Jane Doe"),
                entry("BUILD_SOURCEBRANCH", "refs/pull/31/merge"),
                entry("BUILD_SOURCEBRANCHNAME", "merge"),
                entry("SYSTEM_PULLREQUEST_PULLREQUESTID", "31"),
                entry("SYSTEM_PULLREQUEST_SOURCEBRANCH", "refs/heads/feature/tools"),
                entry("SYSTEM_PULLREQUEST_TARGETBRANCH", "refs/heads/main"),
                entry("AGENT_NAME", "Hosted Agent")));

        assertThat(CiEnvironment.detect(env)).isEqualTo(new CiContext(
                "azure",
                SHA,
                "https://dev.azure.com/fabrikam/Fabrikam%20Fiber/_git/shop",
                "feature/tools",
                "9213",
                "1",
                "https://dev.azure.com/fabrikam/Fabrikam%20Fiber/_build/results?buildId=9213",
                "shop-deploy",
                "Deploy to production",
                "12f1170f-54f2-53f3-20dd-22fc7dff55f9",
                "Jane Doe",
                "31",
                "Hosted Agent",
                "branch",
                "main",
                null));
    }

    @Test
    void azureKeepsTheWholeBranchNameAndPrefersGitHubPullRequestNumbers() {
        Map<String, String> env = Map.of(
                "TF_BUILD", "True",
                "BUILD_SOURCEBRANCH", "refs/heads/feature/tools",
                "BUILD_SOURCEBRANCHNAME", "tools",
                "SYSTEM_PULLREQUEST_PULLREQUESTID", "588301771",
                "SYSTEM_PULLREQUEST_PULLREQUESTNUMBER", "12");

        CiContext ci = CiEnvironment.detect(env);

        assertThat(ci.refName()).isEqualTo("feature/tools");
        assertThat(ci.changeId()).isEqualTo("12");
    }

    @Test
    void azureTagBuild() {
        CiContext ci = CiEnvironment.detect(Map.of("TF_BUILD", "True", "BUILD_SOURCEBRANCH", "refs/tags/v1.2.0"));

        assertThat(ci.refName()).isEqualTo("v1.2.0");
        assertThat(ci.refType()).isEqualTo("tag");
    }

    @Test
    void laptopIsNotInCi() {
        CiContext ci = CiEnvironment.detect(LAPTOP);

        assertThat(ci).isEqualTo(CiContext.NONE);
        assertThat(ci.inCi()).isFalse();
        assertThat(ci.attributes()).isEmpty();
    }

    @Test
    void genericCiFlagAloneNamesNoProvider() {
        assertThat(CiEnvironment.detect(Map.of("CI", "true")).provider()).isNull();
        assertThat(CiEnvironment.detect(Map.of("GITHUB_ACTIONS", "false")).provider()).isNull();
    }

    @Test
    void attributesUseOpenTelemetryNames() {
        Map<String, String> attributes = CiEnvironment.detect(gitHubPush()).attributes();

        assertThat(attributes).containsExactly(
                entry("cicd.pipeline.name", "Deploy to production"),
                entry("cicd.pipeline.run.id", "1658821493"),
                entry("cicd.pipeline.run.url.full", "https://github.com/octo-org/shop/actions/runs/1658821493/attempts/2"),
                entry("cicd.pipeline.task.name", "deploy"),
                entry("cicd.worker.name", "GitHub Actions 2"),
                entry("vcs.repository.url.full", "https://github.com/octo-org/shop"),
                entry("vcs.ref.head.name", "main"),
                entry("vcs.ref.head.revision", SHA),
                entry("vcs.ref.head.type", "branch"));
    }
}
