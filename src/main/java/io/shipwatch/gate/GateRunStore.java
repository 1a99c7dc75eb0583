package io.shipwatch.gate;

import java.util.List;

/** Where gate results are kept: implemented over SQLite/PostgreSQL in {@code store}. */
public interface GateRunStore {

    /** Saves one result; its id is new. */
    void save(GateRun run);

    /**
     * The newest results of {@code gate}, newest first, optionally only for one service and environment (null means
     * any), at most {@code limit}.
     */
    List<GateRun> recent(String gate, String service, String environment, int limit);

    /** One result by its id, if there is one. */
    java.util.Optional<GateRun> find(String id);

    /**
     * The newest results of any gate, newest first, optionally only of one service, gate or deployment (by marker
     * id; null means any), at most {@code limit}: the web page's list of verdicts.
     */
    List<GateRun> verdicts(String service, String gate, String deploymentId, int limit);

    /** The failed results recorded against any of these deployments (by marker id), for change failure rate. */
    List<GateRun> failedFor(java.util.Collection<String> deploymentIds);
}
