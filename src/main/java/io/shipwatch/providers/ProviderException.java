package io.shipwatch.providers;

/**
 * A metrics backend could not answer. {@link #retryable()} says whether trying again can help (unreachable, 5xx,
 * timeout) or not (bad query, refused credentials), as Kayenta's retryable/fatal query exceptions do.
 */
public class ProviderException extends Exception {
    private final boolean retryable;

    public ProviderException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public ProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
