package io.shipwatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shipwatch.core.ConflictException;
import io.shipwatch.core.InputException;
import io.shipwatch.core.NotFoundException;
import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.json.Json;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.markers.MarkerStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API under {@code /api/v1}, health and metrics endpoints, and the web UI. Every error is
 * an RFC 9457 problem; bad input is a 4xx naming the field, never a 500 or a stack trace.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** What the server needs: where to listen, the body limit, the tokens (empty = local mode) and the services. */
    public record Settings(String bind, int port, long maxBodyBytes, List<ApiToken> tokens) {
    }

    /** Seconds a client is asked to wait before retrying when the database is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** What the API knows of its database: whether it answers now, and whether a failure was it being unavailable. */
    public interface DatabaseHealth {
        boolean reachable();

        boolean unavailable(Throwable failure);
    }

    private final Javalin app;

    /** A capability's own endpoints; each capability registers its routes here rather than editing this class. */
    public interface RouteGroup {
        void register(JavalinDefaultRoutingApi routes);

        /** What the capability adds to {@code /metrics}; read at each scrape. */
        default List<MultiCollector> collectors() {
            return List.of();
        }
    }

    public ApiServer(Settings settings, MarkerService markers, MarkerStore store, ServiceGraphs graphs,
                     DatabaseHealth database, List<RouteGroup> more) {
        TokenAuth auth = new TokenAuth(settings.tokens());
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new DeploymentMetrics(store));
        more.forEach(group -> group.collectors().forEach(registry::register));
        DeploymentRoutes deployments = new DeploymentRoutes(markers);
        ServiceRoutes services = new ServiceRoutes(store, graphs);
        app = Javalin.create(config -> {
            config.jetty.host = settings.bind();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            var routes = config.routes;
            routes.before(ApiServer::securityHeaders);
            routes.before("/api/*", ctx -> authorize(ctx, auth));
            routes.before("/v1/*", ctx -> authorize(ctx, auth)); // the OTLP receiver: writing needs a write token
            routes.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok")));
            routes.get("/readyz", ctx -> readiness(ctx, database));
            routes.get("/metrics", ctx -> metrics(ctx, registry));
            routes.post("/api/v1/deployments", deployments::create);
            routes.get("/api/v1/deployments", deployments::list);
            routes.get("/api/v1/deployments/{id}", deployments::get);
            routes.patch("/api/v1/deployments/{id}", deployments::change);
            routes.get("/api/v1/services", services::list);
            routes.get("/api/v1/services/{service}/metrics", services::metrics);
            more.forEach(group -> group.register(routes));
            routes.exception(NotFoundException.class, (e, ctx) -> problem(ctx, Problem.invalid(404, "Not Found", e, ctx.path())));
            routes.exception(ConflictException.class, (e, ctx) -> problem(ctx, Problem.invalid(409, "Conflict", e, ctx.path())));
            routes.exception(InputException.class, (e, ctx) -> problem(ctx, Problem.invalid(400, "Invalid input", e, ctx.path())));
            // a reader that let Jackson meet bad input (too deep, too long, mistyped) is still the client's mistake
            routes.exception(StreamReadException.class, (e, ctx) -> problem(ctx, Problem.of(400, "Invalid input",
                    "body: " + firstLine(e.getOriginalMessage()) + "; send a valid JSON body", ctx.path())));
            routes.exception(MismatchedInputException.class, (e, ctx) -> problem(ctx, Problem.of(400, "Invalid input",
                    "body: " + firstLine(e.getOriginalMessage()) + "; send the documented JSON shape", ctx.path())));
            routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e instanceof ProblemResponse p
                    ? p.problem : Problem.of(e.getStatus(), statusTitle(e.getStatus()), e.getMessage(), ctx.path())));
            routes.exception(Exception.class, (e, ctx) -> {
                if (database.unavailable(e)) {
                    // the request's transaction was rolled back, never committed later: the client may retry it
                    LOG.warn("{} {}: database unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
                    ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                    problem(ctx, Problem.of(503, "Service Unavailable", "the database is unavailable, so the request "
                            + "was not completed; retry in " + RETRY_AFTER_SECONDS + " seconds", ctx.path()));
                    return;
                }
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                problem(ctx, Problem.of(500, "Internal Server Error",
                        "the server failed to answer; the server log has the details", ctx.path()));
            });
            routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    problem(ctx, Problem.of(404, "Not Found", "no such path: " + ctx.path(), ctx.path()));
                }
            });
        });
    }

    /** Starts listening; returns the port (useful with port 0). */
    public int start() {
        app.start();
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Reads a request body as JSON; malformed JSON is an input error naming where it broke. */
    static JsonNode body(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw new InputException("body", "is empty", "send a JSON object with Content-Type: application/json");
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "body" : "body:" + loc.getLineNr() + ":" + loc.getColumnNr();
            // Jackson's message names its own internals after the first clause; keep what a user can act on.
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s*\\(start marker.*$", "")
                    .replaceAll(":\\s*expected close marker.*$", "");
            throw new InputException(where, "malformed JSON: " + reason, "send a valid JSON object");
        } catch (IOException e) {
            throw new InputException("body", "could not be read: " + e.getMessage(), null);
        }
    }

    private static void authorize(Context ctx, TokenAuth auth) {
        if (!auth.enabled() || ctx.method() == HandlerType.OPTIONS) {
            return; // local mode: the server listens on loopback only
        }
        Optional<ApiToken> token = auth.authenticate(ctx.header("Authorization"));
        ApiToken.Scope needed = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD
                ? ApiToken.Scope.READ : ApiToken.Scope.WRITE;
        if (token.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"shipwatch\"");
            throw new ProblemResponse(Problem.of(401, "Unauthorized",
                    "send an API token as 'Authorization: Bearer <token>'", ctx.path()));
        }
        if (!token.get().scope().allows(needed)) {
            throw new ProblemResponse(Problem.of(403, "Forbidden", "token '" + token.get().name()
                    + "' has scope read; this request needs a token with scope write", ctx.path()));
        }
    }

    /** The UI keeps a token in localStorage: allow scripts from this origin only, and no framing. */
    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' "
                + "'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static void readiness(Context ctx, DatabaseHealth database) {
        boolean ok = database.reachable();
        ctx.status(ok ? 200 : 503).json(java.util.Map.of("status", ok ? "ready" : "database unreachable"));
    }

    private static void metrics(Context ctx, PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        writer.write(out, registry.scrape());
        ctx.contentType(writer.getContentType()).result(out.toByteArray());
    }

    static void problem(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(Json.write(problem));
    }

    private static String firstLine(String message) {
        return message == null ? "cannot be read" : message.lines().findFirst().orElse("cannot be read");
    }

    private static String statusTitle(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "HTTP " + status;
        };
    }
}
