package io.shipwatch.graphs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PanelTest {

    @Test
    void aServiceNameCannotEndTheLabelMatcherItStandsIn() {
        Panel panel = new Panel("errors", "Errors", "ratio", "errors{service=\"{{service}}\",env=\"{{environment}}\"}");
        assertThat(panel.queryFor("checkout\"} or vector(1) #", "prod\\"))
                .isEqualTo("errors{service=\"checkout\\\"} or vector(1) #\",env=\"prod\\\\\"}");
    }
}
