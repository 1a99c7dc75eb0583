package io.shipwatch.markers;

/** A failed delivery to a {@link MarkerSink}; retryable when trying again later can help (5xx, timeouts, refused). */
public class SinkException extends Exception {
    private final boolean retryable;

    public SinkException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public SinkException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
