package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void aValueCannotEndTheLabelMatcherItStandsIn() {
        String query = Templates.fill("sum(rate(errors{version=\"{{version}}\"}[5m]))",
                Map.of("version", "good\"} or vector(1) or up{a=\"\\\nb"), "spec.yaml:4");
        assertThat(query).isEqualTo("sum(rate(errors{version=\"good\\\"} or vector(1) or up{a=\\\"\\\\\\nb\"}[5m]))");
    }

    @Test
    void plainNamesAreFilledUnchanged() {
        assertThat(Templates.fill("up{service=\"{{ service }}\",v=\"{{v}}\"}", Map.of("service", "checkout", "v", "1.2.3-rc.1"),
                "spec.yaml:4")).isEqualTo("up{service=\"checkout\",v=\"1.2.3-rc.1\"}");
    }
}
