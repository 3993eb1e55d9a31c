package dev.beampipe.api.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.api.errors.ApiException;
import dev.beampipe.model.alerts.AlertRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rule bodies to rules: defaults, COALESCE patches, and each validation rule (pure, no database). */
class RuleRequestsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID CH = UUID.fromString("0190b0c0-0000-7000-8000-0000000000c1");

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AlertRuleCreate create(String name, String module, String severity, String kind, String config, Integer cooldown) {
        return new AlertRuleCreate(name, module, severity, kind, config == null ? null : json(config), List.of(CH), cooldown, null);
    }

    @Test
    void defaultsFillTheGaps() {
        AlertRule r = RuleRequests.fromCreate(create("r", null, null, "daily_summary", "{}", null));
        assertThat(r.severity()).isEqualTo("warning");
        assertThat(r.cooldownMinutes()).isEqualTo(60);
        assertThat(r.enabled()).isTrue();
        assertThat(r.projectModule()).isNull();
        assertThat(AlertDeliveriesResource.clamp(null)).isEqualTo(50);
        assertThat(Arrays.asList(AlertDeliveriesResource.clamp(0), AlertDeliveriesResource.clamp(-5), AlertDeliveriesResource.clamp(77),
                AlertDeliveriesResource.clamp(501))).containsExactly(1, 1, 77, 500);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "blank name          | ' '   | m    | warning  | daily_summary | {}    | 60 | name must be a non-empty string without NUL characters",
            "unknown kind        | r     | m    | warning  | weekly        | {}    | 60 | unknown trigger_kind 'weekly'; expected one of: execution_terminal, discovery_changed, pending_backlog, pending_stale, discovery_stall, dependency_down, daily_summary",
            "bad severity        | r     | m    | fatal    | daily_summary | {}    | 60 | severity must be one of: info, warning, critical",
            "blank module        | r     | ' '  | warning  | daily_summary | {}    | 60 | project_module must be a non-empty string without NUL characters, or null for every project",
            "array config        | r     | m    | warning  | daily_summary | [1]   | 60 | trigger_config must be a JSON object",
            "null config         | r     | m    | warning  | daily_summary | null  | 60 | trigger_config must be a JSON object",
            "negative cooldown   | r     | m    | warning  | daily_summary | {}    | -1 | cooldown_minutes must not be negative",
            "valid               | r     | m    | critical | pending_stale | {'max_age_seconds': 60} | 0 | ",
    })
    void validation(String name, String ruleName, String module, String severity, String kind, String config, int cooldown, String problem) {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> RuleRequests.fromCreate(create(ruleName, module, severity, kind, config, cooldown)));
        if (problem == null) {
            assertThat(e).isNull();
        } else {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.failure().message()).isEqualTo(problem);
        }
    }

    @Test
    void nullChannelIdsAreRefused() {
        List<UUID> ids = new ArrayList<>();
        ids.add(null);
        ApiException e = catchThrowableOfType(ApiException.class, () -> RuleRequests.fromCreate(
                new AlertRuleCreate("r", null, null, "daily_summary", json("{}"), ids, null, null)));
        assertThat(e.failure().message()).isEqualTo("channel_ids must not contain null");
    }

    @Test
    void patchesKeepWhatIsAbsentOrNull() {
        AlertRule current = RuleRequests.fromCreate(create("r", "m", "info", "pending_backlog", "{'threshold': 5}", 30));
        AlertRule same = RuleRequests.patched(current, new AlertRuleUpdate(null, null, null, null, json("null"), null, null, null));
        assertThat(same).isEqualTo(current);
        AlertRule changed = RuleRequests.patched(current, new AlertRuleUpdate("r2", null, "critical", null, json("{'threshold': 9}"),
                List.of(), 0, false));
        assertThat(changed.name()).isEqualTo("r2");
        assertThat(changed.projectModule()).isEqualTo("m");
        assertThat(changed.severity()).isEqualTo("critical");
        assertThat(changed.triggerKind()).isEqualTo("pending_backlog");
        assertThat(changed.triggerConfig()).isEqualTo(json("{'threshold': 9}"));
        assertThat(changed.channelIds()).isEmpty();
        assertThat(changed.cooldownMinutes()).isZero();
        assertThat(changed.enabled()).isFalse();
    }
}
