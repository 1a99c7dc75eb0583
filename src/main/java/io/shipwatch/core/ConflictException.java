package io.shipwatch.core;

/** Input that is well-formed but clashes with what is stored (a finished deployment set back to started). HTTP 409. */
public class ConflictException extends InputException {
    public ConflictException(String where, String problem, String hint) {
        super(where, problem, hint);
    }
}
