package io.shipwatch.dora;

import java.util.Collection;
import java.util.List;

/**
 * Where failed gates and canaries come from: the gate capability implements this so the change failure rate counts a
 * deployment that failed a check after it reached production. Returns the failed checks against any of the given
 * deployments (passed and inconclusive checks are not failures); must not throw for an unknown id.
 */
public interface ChangeFailureSource {
    List<FailedCheck> failedChecks(Collection<String> deploymentIds);
}
