package io.shipwatch.pipeline;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Sends a finished pipeline run's spans out of the process: to an OTLP endpoint named by the standard
 * {@code OTEL_*} variables and/or to a Shipwatch server. Implemented at the edge ({@code otel}); the CLI calls it at
 * {@code pipeline finish}.
 */
public interface TraceExport {

    /**
     * Where to send: {@code otlp} when the OTLP exporter is configured by {@code env}; {@code server} (with its
     * optional {@code token}) for a Shipwatch server, or null.
     */
    record Destinations(Map<String, String> env, boolean otlp, URI server, String token) {
    }

    /**
     * Sends {@code spans} to every destination; returns a description of each one that took them.
     *
     * @throws TraceExportException naming the destination that failed and why; spans may have reached the others
     */
    List<String> send(List<PipelineSpan> spans, Destinations destinations);

    /** A destination refused the spans or could not be reached; {@code unreachable} when a retry may help. */
    final class TraceExportException extends RuntimeException {
        private final boolean unreachable;

        public TraceExportException(String message, boolean unreachable) {
            super(message);
            this.unreachable = unreachable;
        }

        public boolean unreachable() {
            return unreachable;
        }
    }
}
