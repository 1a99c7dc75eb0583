package io.shipwatch.gate;

import java.util.List;
import java.util.Optional;

/** Where canary analyses are kept: implemented over SQLite/PostgreSQL in {@code store}. */
public interface CanaryAnalysisStore {

    /** Saves one analysis; its id is new. */
    void save(CanaryAnalysis analysis);

    /** One analysis with all its steps and points, if there is one with this id. */
    Optional<CanaryAnalysis> find(String id);

    /**
     * The newest analyses, newest first, optionally only of one service, canary or deployment (null means any), at
     * most {@code limit}.
     */
    List<CanaryAnalysis> recent(String service, String canary, String deploymentId, int limit);
}
