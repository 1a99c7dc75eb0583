package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import io.shipwatch.dora.DoraSettings;
import io.shipwatch.dora.webhook.ServiceMap;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DoraSetupTest {
    private static final String YAML = """
            dora:
              productionEnvironments: [prod-eu, prod-us]
              incidentLinkWindow: 48h
              services:
                checkout:
                  team: payments
                  repositories:
                    - {url: "git@github.com:acme/shop.git", paths: [services/checkout/]}
            webhooks:
              github: {secret: 0123456789abcdef0123}
            """;

    @Test
    void readsProductionEnvironmentsLinkWindowTeamsRepositoriesAndSecrets() {
        Config config = ConfigLoader.parse(YAML, "shipwatch.yaml");
        DoraSettings settings = DoraSetup.settings(config.dora());
        assertThat(settings.productionEnvironments()).isEqualTo(Set.of("prod-eu", "prod-us"));
        assertThat(settings.incidentLinkWindow()).isEqualTo(Duration.ofHours(48));
        assertThat(DoraSetup.teams(config.dora())).containsEntry("checkout", "payments");
        assertThat(DoraSetup.serviceMap(config.dora()).entries()).containsExactly(
                new ServiceMap.Entry("checkout", "https://github.com/acme/shop", List.of("services/checkout/")));
        assertThat(DoraSetup.secrets(config.webhooks()).github()).isEqualTo("0123456789abcdef0123");
        assertThat(DoraSetup.secrets(config.webhooks()).gitlab()).isNull();
    }

    @Test
    void defaultsAreProductionAndProdWithADayToLinkIncidents() {
        DoraSettings settings = DoraSetup.settings(Config.empty().dora());
        assertThat(settings.productionEnvironments()).isEqualTo(Set.of("production", "prod"));
        assertThat(settings.incidentLinkWindow()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> DoraSetup.settings(ConfigLoader.parse("dora:\n  incidentLinkWindow: 24\n", "f").dora()))
                .isInstanceOf(InputException.class)
                .hasMessage("dora.incidentLinkWindow: '24' has no unit; use a duration such as 10m or 1h");
        assertThatThrownBy(() -> DoraSetup.secrets(ConfigLoader.parse("webhooks:\n  gitlab: {secret: short}\n", "f")
                .webhooks()))
                .hasMessage("webhooks.gitlab.secret: is missing or shorter than 16 characters; generate one with: "
                        + "openssl rand -hex 32");
        assertThatThrownBy(() -> DoraSetup.serviceMap(ConfigLoader.parse(
                "dora:\n  services:\n    api:\n      repositories:\n        - {url: 'not a url'}\n", "f").dora()))
                .hasMessage("dora.services.api.repositories[0].url: 'not a url' is not a repository URL; use a URL "
                        + "such as https://github.com/acme/shop");
        assertThatThrownBy(() -> ConfigLoader.parse("dora:\n  linkWindow: 1h\n", "shipwatch.yaml"))
                .hasMessageStartingWith("shipwatch.yaml:2: unknown key 'dora.linkWindow'");
    }
}
