package io.shipwatch.dora.webhook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A revision as GitOps tools report it, as a marker's version and commit: Flux's {@code main@sha1:<sha>} (and the
 * older {@code main/<sha>}), Argo CD's bare commit sha, or anything else (a chart version, an OCI digest) kept as is.
 */
record GitOpsRevision(String version, String sha) {
    private static final Pattern REF_AT_SHA = Pattern.compile("(.+?)(?:@sha1:|/)([0-9a-f]{40})");
    private static final Pattern SHA = Pattern.compile("(?:sha1:)?([0-9a-f]{40})");
    private static final int MAX_VERSION = 128;

    static GitOpsRevision of(String revision) {
        Matcher withRef = REF_AT_SHA.matcher(revision);
        if (withRef.matches()) {
            return new GitOpsRevision(withRef.group(1) + "@" + withRef.group(2).substring(0, 7), withRef.group(2));
        }
        Matcher sha = SHA.matcher(revision);
        if (sha.matches()) {
            return new GitOpsRevision(sha.group(1).substring(0, 7), sha.group(1));
        }
        return new GitOpsRevision(revision.length() > MAX_VERSION ? revision.substring(0, MAX_VERSION) : revision, null);
    }
}
