package io.shipwatch.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input from a user: says where (file:line, field, flag or parameter), what was wrong and what to do.
 * The CLI prints {@link #getMessage()} on one line and exits 2; the HTTP API answers 400 problem+json
 * with one entry of {@link #errors()} per field.
 */
public class InputException extends RuntimeException {

    /** One thing wrong with the input: where it is, what is wrong with it, and what to do instead. */
    public record Problem(String where, String problem, String hint) {
        public String line() {
            String text = where == null || where.isEmpty() ? problem : where + ": " + problem;
            return hint == null || hint.isEmpty() ? text : text + "; " + hint;
        }
    }

    private final List<Problem> errors;

    public InputException(String where, String problem, String hint) {
        this(List.of(new Problem(where, problem, hint)));
    }

    public InputException(List<Problem> errors) {
        super(errors.stream().map(Problem::line).collect(Collectors.joining(" / ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InputException needs at least one problem");
        }
        this.errors = List.copyOf(errors);
    }

    public List<Problem> errors() {
        return errors;
    }
}
