package io.shipwatch.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.shipwatch.core.InputException;
import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}); {@code errors} names each bad field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";

    /** One bad field: where it is (a JSON field path or a query parameter), what is wrong, what to do. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, String hint) {
    }

    static Problem of(int status, String title, String detail, String instance) {
        return new Problem("about:blank", title, status, detail, instance, List.of());
    }

    static Problem invalid(int status, String title, InputException e, String instance) {
        List<FieldError> errors = e.errors().stream()
                .map(p -> new FieldError(p.where(), p.problem(), p.hint()))
                .toList();
        return new Problem("urn:shipwatch:problem:" + title.toLowerCase().replace(' ', '-'), title, status,
                e.getMessage(), instance, errors);
    }
}
