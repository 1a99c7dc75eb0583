package io.shipwatch.markers;

/**
 * A place markers are forwarded to (Grafana annotations, Datadog events, a JSON webhook). The delivery outbox
 * calls {@link #deliver} with the deployment's current state each time it changes; the sink must not retry by
 * itself (the outbox does, with backoff) and must not decide anything else.
 */
public interface MarkerSink {

    /** The configured name of this sink, unique in one server ("grafana", "datadog", "webhook:alerts"). */
    String name();

    /**
     * Sends the deployment's current state. {@code externalRef} is what the previous successful delivery of the
     * same deployment to this sink returned (null the first time): a sink that can update in place (Grafana's
     * annotation id) uses it to update rather than create. {@code deliveryKey} is stable for one revision of one
     * deployment on this sink; sinks send it as an idempotency key where the receiver supports one.
     *
     * @return the reference to keep for the next delivery of this deployment (may be the same, or null)
     * @throws SinkException when delivery failed; {@link SinkException#retryable()} says whether to try again
     */
    String deliver(Deployment deployment, String externalRef, String deliveryKey) throws SinkException;
}
