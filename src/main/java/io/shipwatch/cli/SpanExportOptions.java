package io.shipwatch.cli;

import io.shipwatch.core.Problems;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.TraceExport;
import io.shipwatch.pipeline.TraceExport.TraceExportException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;

/**
 * Where {@code pipeline finish} and {@code pipeline import} send spans: over OTLP when the OTEL_EXPORTER_OTLP_*
 * variables name an endpoint, and to the Shipwatch server when {@code --server} or SHIPWATCH_SERVER is set (to the
 * default server when neither is).
 */
final class SpanExportOptions {
    @Mixin
    ServerOptions server = new ServerOptions();

    /** The destinations, or null with the reasons added to {@code problems}. */
    TraceExport.Destinations destinations(Map<String, String> env, Problems problems) {
        boolean otlp = otlpConfigured(env);
        ServerOptions.Target target = null;
        if (server.named(env) || !otlp) {
            target = server.target(env, problems);
            if (target == null) {
                return null;
            }
        }
        return new TraceExport.Destinations(env, otlp, target == null ? null : target.uri(),
                target == null ? null : target.token());
    }

    /** Sends {@code spans}; a failure is an {@link ApiException} (3 unreachable, 1 refused) ending in {@code retryHint}. */
    static List<String> send(TraceExport export, List<PipelineSpan> spans, TraceExport.Destinations destinations,
                             String retryHint) throws ApiException {
        try {
            return export.send(spans, destinations);
        } catch (TraceExportException e) {
            throw new ApiException(e.unreachable() ? ExitCode.UNREACHABLE : ExitCode.REFUSED, e.getMessage() + "; " + retryHint);
        }
    }

    /** Sends an imported run's spans and prints where they went; a retry of an import overwrites the same spans. */
    static void exportImported(TraceExport export, List<PipelineSpan> spans, TraceExport.Destinations destinations,
                               picocli.CommandLine.Model.CommandSpec spec) throws ApiException {
        List<String> sent = send(export, spans, destinations, "importing again is safe: the same spans are overwritten");
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println("run " + spans.get(0).traceId() + ": " + spans.size() + " spans exported to " + String.join(" and ", sent));
        out.flush();
    }

    private static boolean otlpConfigured(Map<String, String> env) {
        String exporter = env.getOrDefault("OTEL_TRACES_EXPORTER", "");
        return !isBlank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")) || !isBlank(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
                || exporter.contains("otlp");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
