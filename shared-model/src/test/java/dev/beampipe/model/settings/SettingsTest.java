package dev.beampipe.model.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("DATABASE_URL", "postgres://u:p@db:5433/beampipe");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsAreTheReferences() {
        Settings s = Settings.fromEnv(env());
        assertThat(s.dbMaxConnections()).isEqualTo(10);
        assertThat(s.worker().pool()).isEqualTo("default");
        assertThat(s.worker().concurrency()).isEqualTo(1);
        assertThat(s.worker().lockSeconds()).isEqualTo(120);
        assertThat(s.worker().heartbeatIntervalSeconds()).isEqualTo(10);
        assertThat(s.worker().pollIntervalMs()).isEqualTo(1000);
        assertThat(s.worker().capabilities()).containsExactly("casda-discovery", "manifest-generation",
                "daliuge-translation", "daliuge-deployment", "slurm-remote", "output-verification");
        assertThat(s.worker().staleAfterSeconds()).isEqualTo(30);
        assertThat(s.worker().shutdownGraceSeconds()).isEqualTo(30);
        assertThat(s.schedulerIntervalSeconds()).isEqualTo(60);
        assertThat(s.jobRetentionDays()).isEqualTo(14);
        assertThat(s.migrateOnServe()).isFalse();
    }

    @Test
    void workerListsAndLabelsAreParsedTheReferenceWay() {
        Settings s = Settings.fromEnv(env("BEAMPIPE_WORKER_CAPABILITIES", " a, ,b ,", "BEAMPIPE_WORKER_LABELS", "site=pawsey, scheduler=slurm",
                "BEAMPIPE_WORKER_CONCURRENCY", "8", "BEAMPIPE_WORKER_LOCK_SECONDS", "600", "BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS", "20"));
        assertThat(s.worker().capabilities()).isEqualTo(List.of("a", "b"));
        assertThat(s.worker().labels()).containsEntry("site", "pawsey").containsEntry("scheduler", "slurm");
        assertThat(s.worker().claimBatchSize()).isEqualTo(8);
        assertThat(s.worker().staleAfterSeconds()).isEqualTo(60);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "BEAMPIPE_MIGRATE_ON_SERVE|yes|BEAMPIPE_MIGRATE_ON_SERVE must be one of 1, true, 0, false",
            "BEAMPIPE_WORKER_CONCURRENCY|0|BEAMPIPE_WORKER_CONCURRENCY must be > 0",
            "BEAMPIPE_WORKER_CONCURRENCY|eight|BEAMPIPE_WORKER_CONCURRENCY must be an integer",
            "BEAMPIPE_WORKER_LOCK_SECONDS|0|BEAMPIPE_WORKER_LOCK_SECONDS must be > 0",
            "BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS|120|BEAMPIPE_WORKER_HEARTBEAT_INTERVAL_SECONDS must be > 0 and less than",
            "BEAMPIPE_WORKER_LABELS|site|BEAMPIPE_WORKER_LABELS entries must look like key=value",
            "BEAMPIPE_WORKER_LABELS|=x|BEAMPIPE_WORKER_LABELS entries must look like key=value",
            "BEAMPIPE_DB_MAX_CONNECTIONS|0|BEAMPIPE_DB_MAX_CONNECTIONS must be > 0",
            "DATABASE_URL|mysql://x/y|DATABASE_URL must start with postgres://",
            "BEAMPIPE_JOB_RETENTION_DAYS|0|BEAMPIPE_JOB_RETENTION_DAYS and BEAMPIPE_CLAIM_HISTORY_RETENTION_DAYS must be >= 1",
    })
    void badValuesAreClearErrors(String name, String value, String message) {
        assertThatThrownBy(() -> Settings.fromEnv(env(name, value))).isInstanceOf(SettingsException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1,true", "TRUE,true", "true,true", "0,false", "False,false"})
    void booleansAcceptOnlyOneZeroTrueFalse(String value, boolean expected) {
        assertThat(Settings.fromEnv(env("BEAMPIPE_MIGRATE_ON_SERVE", value)).migrateOnServe()).isEqualTo(expected);
    }

    @Test
    void aMissingDatabaseUrlIsAClearError() {
        assertThatThrownBy(() -> Settings.fromEnv(Map.of())).hasMessageContaining("DATABASE_URL is required");
    }
}
