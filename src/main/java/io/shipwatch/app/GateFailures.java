package io.shipwatch.app;

import io.shipwatch.dora.ChangeFailureSource;
import io.shipwatch.dora.FailedCheck;
import io.shipwatch.gate.GateRunStore;
import java.util.Collection;
import java.util.List;

/** Failed gate results recorded against deployments, as change failures for DORA's change failure rate. */
final class GateFailures implements ChangeFailureSource {
    private final GateRunStore store;

    GateFailures(GateRunStore store) {
        this.store = store;
    }

    @Override
    public List<FailedCheck> failedChecks(Collection<String> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return List.of();
        }
        return store.failedFor(deploymentIds).stream()
                .map(r -> new FailedCheck(r.deploymentId(), "gate", r.gate(), r.evaluatedAt(), r.reason()))
                .toList();
    }
}
