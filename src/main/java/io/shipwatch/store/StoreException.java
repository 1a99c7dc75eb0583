package io.shipwatch.store;

/** The database could not be reached or did something unexpected; the message says which database and what. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
