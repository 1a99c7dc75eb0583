package io.shipwatch.gate;

import io.shipwatch.core.TimeWindow;
import java.util.Map;

/**
 * Evaluates the gates a server holds, by name, for the release tools that ask it (Argo Rollouts' web metric,
 * Flagger's webhooks). The composition root implements it over the server's spec files, providers and stored results.
 */
public interface GateEvaluations {

    /**
     * Evaluates gate {@code name} with these template variables over {@code window} (null: the spec's own window
     * ending now) and returns the verdict; stores it only when {@code save} is true, as reads must not write.
     *
     * @throws io.shipwatch.core.NotFoundException when the server has no such gate
     * @throws io.shipwatch.core.InputException when its spec or the variables are bad
     */
    GateVerdict evaluate(String name, Map<String, String> vars, TimeWindow window, boolean save);
}
