package io.shipwatch.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.markers.DeploymentStatus;
import java.io.IOException;

/**
 * The one JSON shape Shipwatch speaks, on its API, to its sinks and in its files: RFC 3339 times, statuses by their
 * wire names ({@code rolled_back}), null fields left out.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("shipwatch").addSerializer(DeploymentStatus.class, new StatusSerializer())
                    .addSerializer(DeploymentKind.class, new KindSerializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    private static final ObjectMapper WITH_NULLS = MAPPER.copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * {@code value} as a JSON tree that keeps null fields and map entries: for answers where null means "no data"
     * and must show rather than disappear.
     */
    public static JsonNode treeWithNulls(Object value) {
        return WITH_NULLS.valueToTree(value);
    }

    /** Serializes a value; only a programming error (an unserializable type) can make this fail. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static final class StatusSerializer extends StdSerializer<DeploymentStatus> {
        StatusSerializer() {
            super(DeploymentStatus.class);
        }

        @Override
        public void serialize(DeploymentStatus value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.wireName());
        }
    }

    private static final class KindSerializer extends StdSerializer<DeploymentKind> {
        KindSerializer() {
            super(DeploymentKind.class);
        }

        @Override
        public void serialize(DeploymentKind value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.wireName());
        }
    }
}
