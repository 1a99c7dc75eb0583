package io.shipwatch.otel;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.shipwatch.core.InputException;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.TraceExport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Exports pipeline spans with the OpenTelemetry SDK's OTLP exporters. The OTLP destination, its protocol
 * (http/protobuf or grpc), headers, timeout, {@code OTEL_SERVICE_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES} are read
 * by the SDK's own autoconfiguration from the {@code OTEL_*} variables; a Shipwatch server gets the same spans over
 * OTLP/HTTP at its {@code /v1/traces}.
 */
public final class OtlpTraceExport implements TraceExport {
    private static final long TIMEOUT_SECONDS = 30;
    /** Spans per request: a batch stays far below a server's 10,000-span and 16 MiB limits even with long names. */
    static final int BATCH_SPANS = 2000;

    @Override
    public List<String> send(List<PipelineSpan> spans, Destinations destinations) {
        List<String> sent = new ArrayList<>();
        String compression = compression(destinations.env()); // checked first: the SDK's own error names no variable
        ExporterLog log = ExporterLog.install();
        try {
            AtomicReference<SpanExporter> otlp = new AtomicReference<>();
            AtomicReference<Resource> resource = new AtomicReference<>(Resource.getDefault());
            AutoConfiguredOpenTelemetrySdk sdk = configure(destinations.env(), spans, otlp, resource);
            try {
                List<SpanData> data = spans.stream().map(s -> (SpanData) new PipelineSpanData(s, resource.get())).toList();
                if (destinations.otlp() && otlp.get() != null) {
                    export(otlp.get(), data, "the OTLP endpoint " + endpoint(destinations.env()), log);
                    sent.add("OTLP " + endpoint(destinations.env()));
                }
                if (destinations.server() != null) {
                    String url = destinations.server().toString().replaceAll("/+$", "") + "/v1/traces";
                    var builder = OtlpHttpSpanExporter.builder().setEndpoint(url).setTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                            .setCompression(compression);
                    if (destinations.token() != null) {
                        builder.addHeader("Authorization", "Bearer " + destinations.token());
                    }
                    SpanExporter server = builder.build();
                    try {
                        export(server, data, "server " + destinations.server(), log);
                    } finally {
                        server.shutdown().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    }
                    sent.add("server " + destinations.server());
                }
            } finally {
                sdk.getOpenTelemetrySdk().shutdown().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            log.uninstall();
        }
        return sent;
    }

    /** The SDK as the OTEL_* variables in {@code env} describe it; only its span exporter and resource are used. */
    private static AutoConfiguredOpenTelemetrySdk configure(Map<String, String> env, List<PipelineSpan> spans,
                                                            AtomicReference<SpanExporter> exporter,
                                                            AtomicReference<Resource> resource) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        // the OTLP exporter specification's default; the Java SDK's autoconfiguration would pick grpc
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.exporter.otlp.compression", "gzip"); // a large test report compresses about tenfold
        defaults.put("otel.service.name", serviceName(spans));
        Map<String, String> fromEnv = properties(env);
        try {
            return AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> defaults)
                    .addPropertiesCustomizer(config -> fromEnv)
                    .addSpanExporterCustomizer((e, config) -> {
                        exporter.set(e);
                        return e;
                    })
                    .addResourceCustomizer((r, config) -> {
                        resource.set(r);
                        return r;
                    })
                    .disableShutdownHook()
                    .build();
        } catch (ConfigurationException e) {
            throw new InputException("OTEL_* environment", String.valueOf(e.getMessage()),
                    "see the OpenTelemetry SDK environment variable specification");
        }
    }

    /** OTEL_EXPORTER_OTLP_ENDPOINT as the autoconfiguration reads it: otel.exporter.otlp.endpoint. */
    static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> props = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("OTEL_") && v != null && !v.isBlank()) {
                props.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return props;
    }

    /** The pipeline's name (from the root span), so traces group by pipeline unless OTEL_SERVICE_NAME says otherwise. */
    private static String serviceName(List<PipelineSpan> spans) {
        return spans.stream().filter(s -> s.parentSpanId() == null || s.attribute("cicd.pipeline.name") != null)
                .map(s -> s.attribute("cicd.pipeline.name")).filter(n -> n != null && !n.isBlank())
                .findFirst().orElse("ci-pipeline");
    }

    private static String endpoint(Map<String, String> env) {
        String traces = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        String any = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        return traces != null && !traces.isBlank() ? traces : any != null && !any.isBlank() ? any : "(SDK default)";
    }

    /** OTEL_EXPORTER_OTLP_TRACES_COMPRESSION or OTEL_EXPORTER_OTLP_COMPRESSION as the SDK reads them; gzip by default. */
    static String compression(Map<String, String> env) {
        for (String name : List.of("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                String c = v.trim().toLowerCase(Locale.ROOT);
                if (!c.equals("gzip") && !c.equals("none")) {
                    throw new InputException(name, "'" + v + "' is not a compression", "use gzip or none");
                }
                return c;
            }
        }
        return "gzip";
    }

    /** Sends {@code data} in batches of {@value #BATCH_SPANS} spans, so a 100,000-case test report fits any limit. */
    private static void export(SpanExporter exporter, List<SpanData> data, String where, ExporterLog log) {
        for (int from = 0; from < data.size(); from += BATCH_SPANS) {
            exportBatch(exporter, data.subList(from, Math.min(data.size(), from + BATCH_SPANS)), where, log);
        }
    }

    private static void exportBatch(SpanExporter exporter, List<SpanData> data, String where, ExporterLog log) {
        log.clear();
        CompletableResultCode result = exporter.export(data).join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!result.isSuccess()) {
            String why = log.last();
            boolean refused = why != null && why.matches("(?s).*status code 4\\d\\d.*");
            throw new TraceExportException("could not export the run to " + where + ": "
                    + (why == null ? "the exporter gave no reason" : why.replaceAll("\\s+", " ")), !refused);
        }
    }

    /** Keeps the exporters' warnings (they log through java.util.logging) for the one-line error, off stderr. */
    private static final class ExporterLog extends Handler {
        private final Logger logger = Logger.getLogger("io.opentelemetry");
        private final boolean parentHandlers;
        private volatile String last;

        private ExporterLog() {
            parentHandlers = logger.getUseParentHandlers();
        }

        static ExporterLog install() {
            ExporterLog log = new ExporterLog();
            log.logger.setUseParentHandlers(false);
            log.logger.addHandler(log);
            return log;
        }

        void uninstall() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(parentHandlers);
        }

        void clear() {
            last = null;
        }

        String last() {
            return last;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                last = record.getMessage() + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
