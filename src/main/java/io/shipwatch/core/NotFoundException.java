package io.shipwatch.core;

/** The thing asked for does not exist (an unknown deployment id). HTTP 404. */
public class NotFoundException extends InputException {
    public NotFoundException(String where, String problem, String hint) {
        super(where, problem, hint);
    }
}
