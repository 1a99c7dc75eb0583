package io.shipwatch.providers.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusConfigTest {

    @Test
    void dropsTrailingSlashesSoApiPathsJoinCleanly() {
        PrometheusConfig config = PrometheusConfig.of("https://proxy.example/prometheus/");

        assertThat(config.endpoint("/api/v1/query_range"))
                .isEqualTo(URI.create("https://proxy.example/prometheus/api/v1/query_range"));
    }

    @Test
    void rejectsCredentialsInTheUrlWithoutRepeatingThem() {
        assertThatThrownBy(() -> PrometheusConfig.of("https://admin:hunter22@prom.example"))
                .isInstanceOf(InputException.class)
                .hasMessage("prometheus.url: contains a user name or password; put credentials in prometheus.user"
                        + " and prometheus.password or prometheus.token");
    }

    @Test
    void rejectsUrlWithoutHttpScheme() {
        assertThatThrownBy(() -> PrometheusConfig.of("localhost:9090"))
                .hasMessage("prometheus.url: 'localhost:9090' is not an http(s) URL with a host;"
                        + " use a URL such as http://localhost:9090");
    }

    @Test
    void rejectsTokenTogetherWithBasicAuth() {
        PrometheusConfig basic = PrometheusConfig.of("http://prom:9090").withBasicAuth("grafana", "pw");

        assertThatThrownBy(() -> new PrometheusConfig(basic.url(), "token", "grafana", "pw", Map.of(), null))
                .hasMessage("prometheus.token: is set together with a user and password;"
                        + " use either a bearer token or basic auth, not both");
    }

    @Test
    void rejectsHeaderTheHttpClientOwns() {
        assertThatThrownBy(() -> PrometheusConfig.of("http://prom:9090").withHeaders(Map.of("Host", "other")))
                .hasMessage("prometheus.headers.Host: cannot be set; leave it out; the HTTP client sets it");
    }

    @Test
    void toStringNeverShowsSecrets() {
        PrometheusConfig config = PrometheusConfig.of("http://prom:9090").withBasicAuth("grafana", "hunter22")
                .withHeaders(Map.of("X-Api-Key", "k-123456789"));

        assertThat(config.toString())
                .isEqualTo("PrometheusConfig[url=http://prom:9090, user=grafana, password=***, headers=[X-Api-Key],"
                        + " timeout=PT30S]");
        assertThat(config.withBearerToken("glc_abcdef").toString()).doesNotContain("glc_abcdef");
    }
}
