package io.shipwatch.gate;

import java.util.List;
import java.util.Map;

/**
 * What a canary run does to the release system at setWeight, promote and rollback: run a command (its arguments as
 * given, never through a shell) or call a webhook. {@code {{weight}}} and the spec's variables are filled in.
 */
public sealed interface CanaryAction {

    /** Runs a program with arguments; a non-zero exit fails the action. */
    record Command(List<String> argv) implements CanaryAction {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    /** POSTs the run's state as JSON; an answer above 202 fails the action, as Flagger's webhooks. */
    record Webhook(String url, Map<String, String> headers) implements CanaryAction {
        public Webhook {
            headers = Map.copyOf(headers);
        }
    }
}
