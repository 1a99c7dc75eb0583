package io.shipwatch.http;

import io.shipwatch.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers as problem+json: requests refused before they reach a route (a URI or header too long,
 * a malformed request line) get the same shape as every other error instead of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason, null));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, message, Request.getPathInContext(request))), callback);
    }

    private static byte[] body(int status, String reason, String instance) {
        String title = HttpStatus.getMessage(status);
        String detail = switch (status) {
            case 414 -> "the request URI is too long; send long values in a POST body, or shorten the query";
            case 431 -> "the request headers are too large; send fewer or shorter headers";
            default -> reason == null || reason.isBlank() ? title : reason;
        };
        return Json.write(Problem.of(status, title, detail, instance)).getBytes(StandardCharsets.UTF_8);
    }
}
