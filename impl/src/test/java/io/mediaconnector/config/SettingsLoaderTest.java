package io.mediaconnector.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsLoaderTest {
    @Test
    void defaultsNeedNothingInstalled() {
        Settings settings = new SettingsLoader(Map.of()).load(null, null);
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.databaseUrl()).startsWith("jdbc:sqlite:").endsWith("data/db/media-connector.sqlite");
        assertThat(settings.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(settings.bootstrapKey()).isEmpty();
    }

    @Test
    void optionsOverrideEnvironmentWhichOverridesDefaults() {
        Map<String, String> env = Map.of(
                "MEDIA_CONNECTOR_PORT", "9000",
                "MEDIA_CONNECTOR_PUBLIC_URL", "https://video.example.org/",
                "MEDIA_CONNECTOR_REQUEST_BODY_TIMEOUT", "PT5S",
                "MEDIA_CONNECTOR_BOOTSTRAP_KEY", "0123456789abcdef");
        Settings settings = new SettingsLoader(env).load(9100, Path.of("/tmp/x"));
        assertThat(settings.port()).isEqualTo(9100);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(settings.baseUrl()).isEqualTo("https://video.example.org");
        assertThat(settings.requestBodyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.bootstrapKey()).contains("0123456789abcdef");
    }

    @Test
    void onPortZeroThePublicUrlCarriesThePortTheNodeIsBoundTo() {
        Settings unbound = new SettingsLoader(Map.of("MEDIA_CONNECTOR_PORT", "0")).load(null, null);
        assertThatThrownBy(unbound::baseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("port 0");
        assertThat(unbound.boundTo(43210).port()).isEqualTo(43210);
        assertThat(unbound.boundTo(43210).baseUrl()).isEqualTo("http://localhost:43210");

        Settings behindAProxy = new SettingsLoader(Map.of("MEDIA_CONNECTOR_PUBLIC_URL", "https://video.example.org"))
                .load(0, null);
        assertThat(behindAProxy.boundTo(43210).baseUrl()).isEqualTo("https://video.example.org");
        assertThat(new SettingsLoader(Map.of()).load(8080, null).boundTo(8080).baseUrl()).isEqualTo("http://localhost:8080");
    }

    @Test
    void invalidValuesNameTheSetting() {
        assertThatThrownBy(() -> new SettingsLoader(Map.of("MEDIA_CONNECTOR_PORT", "eighty")).load(null, null))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("MEDIA_CONNECTOR_PORT");
        assertThatThrownBy(() -> new SettingsLoader(Map.of("MEDIA_CONNECTOR_PUBLIC_URL", "http://x/some/path")).load(null, null))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("public base URL");
        assertThatThrownBy(() -> new SettingsLoader(Map.of("MEDIA_CONNECTOR_BOOTSTRAP_KEY", "short")).load(null, null))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("bootstrap key");
    }

    @Test
    void connectionTimeoutsAreDurationsWithSaneBounds() {
        Settings defaults = new SettingsLoader(Map.of()).load(null, null);
        assertThat(defaults.connections().headerTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.connections().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        Settings set = new SettingsLoader(Map.of("MEDIA_CONNECTOR_HEADER_TIMEOUT", "PT0.5S",
                "MEDIA_CONNECTOR_IDLE_TIMEOUT", "PT2M")).load(null, null);
        assertThat(set.connections().headerTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(set.connections().idleTimeout()).isEqualTo(Duration.ofMinutes(2));

        assertThatThrownBy(() -> new SettingsLoader(Map.of("MEDIA_CONNECTOR_HEADER_TIMEOUT", "20")).load(null, null))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("MEDIA_CONNECTOR_HEADER_TIMEOUT");
        assertThatThrownBy(() -> new SettingsLoader(Map.of("MEDIA_CONNECTOR_HEADER_TIMEOUT", "PT0S")).load(null, null))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("MEDIA_CONNECTOR_HEADER_TIMEOUT");
        assertThatThrownBy(() -> new SettingsLoader(Map.of("MEDIA_CONNECTOR_IDLE_TIMEOUT", "PT1.5S")).load(null, null))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("MEDIA_CONNECTOR_IDLE_TIMEOUT")
                .hasMessageContaining("whole number of seconds");
    }
}
