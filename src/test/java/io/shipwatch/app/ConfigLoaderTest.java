package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void readsAFullConfig() {
        Config c = ConfigLoader.parse("""
                server: {port: 9000, bind: 0.0.0.0}
                db: jdbc:postgresql://db/shipwatch
                tokens:
                  - {name: ci, token: abcdefabcdefabcdef, scope: write}
                sinks:
                  grafana: {url: "http://grafana:3000", token: glsa_x}
                  webhooks:
                    - {name: chat, url: "https://hooks.example.com/x"}
                metrics:
                  provider: {type: prometheus, url: "http://prometheus:9090"}
                  services:
                    checkout:
                      panels:
                        - {id: errors, query: 'sum(rate(errors{svc="{{service}}"}[5m]))'}
                """, "shipwatch.yaml");
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.tokens()).hasSize(1);
        assertThat(c.sinks().webhooks().get(0).name()).isEqualTo("chat");
        assertThat(c.metrics().services().get("checkout").panels().get(0).id()).isEqualTo("errors");
    }

    @Test
    void unknownKeyNamesItsLineAndTheKnownKeys() {
        assertThatThrownBy(() -> ConfigLoader.parse("server:\n  prot: 9\n", "shipwatch.yaml"))
                .hasMessage("shipwatch.yaml:2: unknown key 'server.prot'; known keys here: bind, maxBodyBytes, port");
    }

    @Test
    void wrongTypeNamesItsLineAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("db: x\nserver:\n  port: eighty\n", "shipwatch.yaml"))
                .hasMessageStartingWith("shipwatch.yaml:3: 'server.port': ");
    }

    @Test
    void expandsEnvironmentVariablesAndNamesAMissingOne() {
        assertThat(ConfigLoader.expand("token: ${T}\n", "f.yaml", Map.of("T", "abc"))).isEqualTo("token: abc\n");
        assertThatThrownBy(() -> ConfigLoader.expand("a: 1\ntoken: ${GRAFANA_TOKEN}\n", "f.yaml", Map.of()))
                .hasMessage("f.yaml:2: ${GRAFANA_TOKEN} is not set; export GRAFANA_TOKEN before starting, or write "
                        + "the value in the file");
    }

    @Test
    void providerWithoutATypeIsRefusedRatherThanLeftUnconfigured() {
        Config c = ConfigLoader.parse("metrics:\n  provider: {url: 'http://prometheus:9090'}\n", "s.yaml");
        assertThatThrownBy(() -> MetricsProviders.graphs(c.metrics()))
                .hasMessage("metrics.provider.type: is missing; known providers: prometheus, demo");
    }

    @Test
    void noProviderMeansUnconfiguredGraphsNotDemoSeries() {
        assertThat(MetricsProviders.graphs(Config.empty().metrics()).providerType()).isEqualTo("none");
        Config demo = ConfigLoader.parse("metrics:\n  provider: {type: demo}\n", "s.yaml");
        assertThat(MetricsProviders.graphs(demo.metrics()).providerType()).isEqualTo("demo");
    }

    @Test
    void unknownProviderListsTheKnownOnes() {
        Config c = ConfigLoader.parse("metrics:\n  provider: {type: promethus, url: 'http://x'}\n", "s.yaml");
        assertThatThrownBy(() -> MetricsProviders.graphs(c.metrics()))
                .hasMessage("metrics.provider.type: unknown provider 'promethus'; known providers: prometheus, demo");
    }

    @Test
    void panelAggregationIsDeclaredOrFollowsTheUnitAndAnUnknownOneIsRefused() {
        Config c = ConfigLoader.parse("""
                metrics:
                  panels:
                    - {id: rate, unit: req/s, query: 'r'}
                    - {id: errors, unit: ratio, query: 'e'}
                    - {id: deploys, aggregation: sum, query: 'd'}
                """, "s.yaml");
        assertThat(MetricsProviders.graphs(c.metrics()).panels("any")).extracting(p -> p.rollup().wireName())
                .containsExactly("avg", "max", "sum");

        Config bad = ConfigLoader.parse("metrics:\n  panels:\n    - {id: e, query: 'e', aggregation: peak}\n", "s.yaml");
        assertThatThrownBy(() -> MetricsProviders.graphs(bad.metrics())).hasMessage("metrics.panels[0].aggregation: "
                + "unknown aggregation 'peak'; use one of avg, max, min, sum, last (max keeps spikes visible at long ranges)");
    }

    @Test
    void badSinkNamesItsKeyUnderSinks() {
        Config c = ConfigLoader.parse("sinks:\n  grafana: {url: 'ftp://grafana', token: t}\n", "s.yaml");
        assertThatThrownBy(() -> MarkerSinks.from(c.sinks())).hasMessageStartingWith("sinks.grafana.url: ");
    }

    @Test
    void shortTokenIsRefused() {
        Config c = ConfigLoader.parse("tokens:\n  - {token: short, scope: write}\n", "s.yaml");
        assertThatThrownBy(() -> ServerSettings.resolve(null, null, null, c, Map.of()))
                .hasMessage("tokens[0].token: is missing or shorter than 16 characters; generate one with: openssl rand -hex 32");
    }
}
