package dev.beampipe.api.service;

import dev.beampipe.model.settings.Settings;
import dev.beampipe.model.settings.SettingsException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiSettingsTest {
    static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void readsTheEnvironmentNamesThroughConfig() {
        Settings settings = ApiSettings.from(config(Map.of(
                "DATABASE_URL", "postgres://bp:pa%24%7Bss%7D@db.example:5433/beampipe",
                "BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", "20",
                "BEAMPIPE_MIGRATE_ON_SERVE", "true",
                "quarkus.http.port", "1")));
        assertThat(settings.databaseUrl().host()).isEqualTo("db.example");
        assertThat(settings.databaseUrl().password()).isEqualTo("pa${ss}");
        assertThat(settings.worker().staleAfterSeconds()).isEqualTo(60);
        assertThat(settings.migrateOnServe()).isTrue();
    }

    @Test
    void valuesAreReadRawSoSecretsMayContainDollarBraces() {
        assertThat(ApiSettings.environmentView(config(Map.of("BEAMPIPE_JWT_SECRET", "a${b}c", "OTHER", "x"))))
                .containsExactly(Map.entry("BEAMPIPE_JWT_SECRET", "a${b}c"));
    }

    @Test
    void aMissingOrInvalidDatabaseUrlIsAClearError() {
        assertThatThrownBy(() -> ApiSettings.from(config(Map.of())))
                .isInstanceOf(SettingsException.class).hasMessageContaining("DATABASE_URL is required");
        assertThatThrownBy(() -> ApiSettings.from(config(Map.of("DATABASE_URL", "mysql://x/y"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("postgres://");
    }

    @Test
    void securitySwitchesAcceptTheSecurityModuleWords() {
        assertThat(ApiSettings.flag(config(Map.of("BEAMPIPE_ALLOW_INLINE_SECRETS", "yes")), "BEAMPIPE_ALLOW_INLINE_SECRETS")).isTrue();
        assertThat(ApiSettings.flag(config(Map.of("BEAMPIPE_ALLOW_INLINE_SECRETS", "0")), "BEAMPIPE_ALLOW_INLINE_SECRETS")).isFalse();
        assertThat(ApiSettings.flag(config(Map.of()), "BEAMPIPE_ALLOW_INLINE_SECRETS")).isFalse();
    }
}
