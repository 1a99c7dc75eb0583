package io.shipwatch.ci;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a CI system's own environment variables say about the current build. Pure: the caller passes the
 * environment ({@code System.getenv()} in production), nothing is read from disk or network. Variable names are
 * those each provider documents for its hosted runners.
 */
public final class CiEnvironment {
    private static final Pattern GITHUB_PULL_REF = Pattern.compile("refs/pull/(\\d+)/(?:merge|head)");
    private static final Pattern TRAILING_NUMBER = Pattern.compile(".*/(\\d+)/?");

    private CiEnvironment() {
    }

    /** The CI context described by {@code env}; {@link CiContext#NONE} when no known CI set it. */
    public static CiContext detect(Map<String, String> env) {
        Env e = new Env(env);
        if (e.isTrue("GITHUB_ACTIONS")) {
            return gitHub(e);
        }
        if (e.isTrue("GITLAB_CI")) {
            return gitLab(e);
        }
        if (e.isTrue("TF_BUILD")) {
            return azure(e);
        }
        if (e.isTrue("BUILDKITE")) {
            return buildkite(e);
        }
        if (e.isTrue("CIRCLECI")) {
            return circleCi(e);
        }
        if (e.get("JENKINS_URL") != null) {
            return jenkins(e);
        }
        return CiContext.NONE;
    }

    // https://docs.github.com/en/actions/reference/variables-reference#default-environment-variables
    private static CiContext gitHub(Env e) {
        Fields f = new Fields("github");
        String server = stripTrailingSlash(e.get("GITHUB_SERVER_URL"));
        String repo = e.get("GITHUB_REPOSITORY");
        f.commitSha = e.get("GITHUB_SHA");
        f.repositoryUrl = server == null || repo == null ? null : RepositoryUrl.normalize(server + "/" + repo);
        // on pull requests GITHUB_REF_NAME is "42/merge"; GITHUB_HEAD_REF is the branch (set, but empty, otherwise)
        f.refName = e.first("GITHUB_HEAD_REF", "GITHUB_REF_NAME");
        f.refType = e.get("GITHUB_REF_TYPE");
        f.baseRefName = e.get("GITHUB_BASE_REF");
        f.changeId = group(GITHUB_PULL_REF, e.get("GITHUB_REF"));
        f.runId = e.get("GITHUB_RUN_ID");
        f.runAttempt = e.get("GITHUB_RUN_ATTEMPT");
        if (server != null && repo != null && f.runId != null) {
            String run = server + "/" + repo + "/actions/runs/" + f.runId;
            f.runUrl = f.runAttempt == null ? run : run + "/attempts/" + f.runAttempt;
        }
        f.pipelineName = e.get("GITHUB_WORKFLOW");
        f.jobName = e.get("GITHUB_JOB"); // the job's key in the workflow file; the numeric job id is not in the env
        // ...but in the job context as job.check_run_id (the job id of the REST API and webhooks), passed on as
        // SHIPWATCH_JOB_ID: ${{ job.check_run_id }}, so the live job span is the one an import or webhook makes
        String jobId = e.get("SHIPWATCH_JOB_ID");
        f.jobId = jobId != null && jobId.matches("\\d{1,19}") ? jobId : null;
        if (f.jobId != null && f.runId != null && server != null && repo != null) {
            f.jobUrl = server + "/" + repo + "/actions/runs/" + f.runId + "/job/" + f.jobId;
        }
        f.actor = e.get("GITHUB_ACTOR");
        f.workerName = e.get("RUNNER_NAME");
        return f.context();
    }

    // https://docs.gitlab.com/ci/variables/predefined_variables/
    private static CiContext gitLab(Env e) {
        Fields f = new Fields("gitlab");
        f.commitSha = e.get("CI_COMMIT_SHA");
        // CI_REPOSITORY_URL carries the job token; normalize drops it
        f.repositoryUrl = RepositoryUrl.normalize(e.first("CI_PROJECT_URL", "CI_REPOSITORY_URL"));
        f.refName = e.first("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME");
        f.refType = e.get("CI_COMMIT_TAG") != null ? "tag" : f.refName == null ? null : "branch";
        f.baseRefName = e.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
        f.changeId = e.get("CI_MERGE_REQUEST_IID");
        f.runId = e.get("CI_PIPELINE_ID"); // a retried job keeps its pipeline; GitLab has no attempt number
        f.runUrl = e.get("CI_PIPELINE_URL");
        f.pipelineName = e.first("CI_PIPELINE_NAME", "CI_PROJECT_PATH"); // CI_PIPELINE_NAME only with workflow:name
        f.jobName = e.get("CI_JOB_NAME");
        f.jobId = e.get("CI_JOB_ID");
        f.jobUrl = e.get("CI_JOB_URL");
        f.actor = e.get("GITLAB_USER_LOGIN");
        f.workerName = e.get("CI_RUNNER_DESCRIPTION");
        return f.context();
    }

    // https://www.jenkins.io/doc/book/pipeline/jenkinsfile/#using-environment-variables (Git and Multibranch plugins)
    private static CiContext jenkins(Env e) {
        Fields f = new Fields("jenkins");
        f.commitSha = e.get("GIT_COMMIT");
        f.repositoryUrl = RepositoryUrl.normalize(e.get("GIT_URL"));
        // multibranch: CHANGE_BRANCH on pull requests (BRANCH_NAME is then "PR-42"); plain jobs: GIT_BRANCH "origin/main"
        String tag = e.get("TAG_NAME");
        f.refName = tag != null ? tag : e.first("CHANGE_BRANCH", "BRANCH_NAME");
        if (f.refName == null && e.get("GIT_BRANCH") != null) {
            f.refName = e.get("GIT_BRANCH").replaceFirst("^(refs/remotes/)?origin/", "");
        }
        f.refType = tag != null ? "tag" : f.refName == null ? null : "branch";
        f.baseRefName = e.get("CHANGE_TARGET");
        f.changeId = e.get("CHANGE_ID");
        f.runId = e.first("BUILD_NUMBER", "BUILD_ID");
        f.runUrl = e.get("BUILD_URL");
        f.pipelineName = e.get("JOB_NAME");
        f.jobName = e.get("STAGE_NAME"); // set inside a Pipeline stage
        f.actor = e.get("BUILD_USER_ID"); // only with the Build User Vars plugin
        f.workerName = e.get("NODE_NAME");
        return f.context();
    }

    // https://circleci.com/docs/reference/variables/
    private static CiContext circleCi(Env e) {
        Fields f = new Fields("circleci");
        f.commitSha = e.get("CIRCLE_SHA1");
        f.repositoryUrl = RepositoryUrl.normalize(e.get("CIRCLE_REPOSITORY_URL"));
        String tag = e.get("CIRCLE_TAG");
        f.refName = tag != null ? tag : e.get("CIRCLE_BRANCH");
        f.refType = tag != null ? "tag" : f.refName == null ? null : "branch";
        // CIRCLE_PR_NUMBER is only set for pull requests from forks; CIRCLE_PULL_REQUEST is the PR's URL
        String pr = e.get("CIRCLE_PR_NUMBER");
        f.changeId = pr != null ? pr : group(TRAILING_NUMBER, e.get("CIRCLE_PULL_REQUEST"));
        f.runId = e.first("CIRCLE_WORKFLOW_ID", "CIRCLE_BUILD_NUM");
        f.runUrl = e.get("CIRCLE_BUILD_URL"); // the job's page: the only run URL CircleCI puts in the env
        f.pipelineName = e.get("CIRCLE_PROJECT_REPONAME");
        f.jobName = e.get("CIRCLE_JOB");
        f.jobId = e.get("CIRCLE_BUILD_NUM");
        f.jobUrl = e.get("CIRCLE_BUILD_URL");
        f.actor = e.get("CIRCLE_USERNAME");
        return f.context();
    }

    // https://buildkite.com/docs/pipelines/configure/environment-variables
    private static CiContext buildkite(Env e) {
        Fields f = new Fields("buildkite");
        f.commitSha = e.get("BUILDKITE_COMMIT");
        f.repositoryUrl = RepositoryUrl.normalize(e.get("BUILDKITE_REPO"));
        String tag = e.get("BUILDKITE_TAG");
        f.refName = tag != null ? tag : e.get("BUILDKITE_BRANCH");
        f.refType = tag != null ? "tag" : f.refName == null ? null : "branch";
        String pr = e.get("BUILDKITE_PULL_REQUEST");
        f.changeId = "false".equals(pr) ? null : pr;
        f.baseRefName = f.changeId == null ? null : e.get("BUILDKITE_PULL_REQUEST_BASE_BRANCH");
        f.runId = e.get("BUILDKITE_BUILD_ID");
        String retries = e.get("BUILDKITE_RETRY_COUNT"); // 0 on the first run of the job: attempts count from 1
        f.runAttempt = retries != null && retries.matches("\\d{1,9}") ? String.valueOf(Integer.parseInt(retries) + 1) : null;
        f.runUrl = e.get("BUILDKITE_BUILD_URL");
        f.pipelineName = e.get("BUILDKITE_PIPELINE_SLUG");
        f.jobName = e.get("BUILDKITE_LABEL");
        f.jobId = e.get("BUILDKITE_JOB_ID");
        f.jobUrl = f.runUrl == null || f.jobId == null ? null : f.runUrl + "#" + f.jobId;
        f.actor = e.first("BUILDKITE_BUILD_CREATOR", "BUILDKITE_BUILD_AUTHOR");
        f.workerName = e.get("BUILDKITE_AGENT_NAME");
        return f.context();
    }

    // https://learn.microsoft.com/azure/devops/pipelines/build/variables
    private static CiContext azure(Env e) {
        Fields f = new Fields("azure");
        f.commitSha = e.get("BUILD_SOURCEVERSION");
        f.repositoryUrl = RepositoryUrl.normalize(e.get("BUILD_REPOSITORY_URI"));
        // BUILD_SOURCEBRANCHNAME keeps only the last segment ("tools" for feature/tools), so strip BUILD_SOURCEBRANCH
        String sourceBranch = e.first("SYSTEM_PULLREQUEST_SOURCEBRANCH", "BUILD_SOURCEBRANCH");
        f.refType = sourceBranch == null ? null : sourceBranch.startsWith("refs/tags/") ? "tag" : "branch";
        f.refName = sourceBranch != null ? shortRef(sourceBranch) : e.get("BUILD_SOURCEBRANCHNAME");
        f.baseRefName = shortRef(e.get("SYSTEM_PULLREQUEST_TARGETBRANCH"));
        // GitHub pull requests have a number distinct from their id; Azure Repos ones only an id
        f.changeId = e.first("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER", "SYSTEM_PULLREQUEST_PULLREQUESTID");
        f.runId = e.get("BUILD_BUILDID");
        f.runAttempt = e.get("SYSTEM_JOBATTEMPT");
        String collection = e.get("SYSTEM_COLLECTIONURI");
        String project = e.get("SYSTEM_TEAMPROJECT");
        if (collection != null && project != null && f.runId != null) {
            f.runUrl = stripTrailingSlash(collection) + "/" + pathSegment(project) + "/_build/results?buildId=" + f.runId;
        }
        f.pipelineName = e.get("BUILD_DEFINITIONNAME");
        f.jobName = e.first("SYSTEM_JOBDISPLAYNAME", "AGENT_JOBNAME");
        f.jobId = e.get("SYSTEM_JOBID");
        f.actor = e.get("BUILD_REQUESTEDFOR");
        f.workerName = e.get("AGENT_NAME");
        return f.context();
    }

    private static String shortRef(String ref) {
        return ref == null ? null : ref.replaceFirst("^refs/(heads|tags)/", "");
    }

    private static String pathSegment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripTrailingSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String group(Pattern pattern, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = pattern.matcher(text);
        return m.matches() ? m.group(1) : null;
    }

    /** The environment with blank values read as unset, as CI systems export empty variables they do not fill. */
    private record Env(Map<String, String> env) {
        String get(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String first(String name, String fallback) {
            String value = get(name);
            return value != null ? value : get(fallback);
        }

        boolean isTrue(String name) {
            return "true".equalsIgnoreCase(get(name));
        }
    }

    /** The context's fields by name while one provider fills them; sixteen positional nulls would hide mistakes. */
    private static final class Fields {
        final String provider;
        String commitSha;
        String repositoryUrl;
        String refName;
        String runId;
        String runAttempt;
        String runUrl;
        String pipelineName;
        String jobName;
        String jobId;
        String actor;
        String changeId;
        String workerName;
        String refType;
        String baseRefName;
        String jobUrl;

        Fields(String provider) {
            this.provider = provider;
        }

        CiContext context() {
            return new CiContext(provider, commitSha, repositoryUrl, refName, runId, runAttempt, runUrl, pipelineName,
                    jobName, jobId, actor, changeId, workerName, refType, baseRefName, jobUrl);
        }
    }
}
