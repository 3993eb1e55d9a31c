package dev.beampipe.model.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelConfigsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "webhook | {'url': 'https://hooks.example/x'}                                  | ",
            "webhook | {'url': {'env': 'HOOK_URL'}, 'template': 'slack'}                   | ",
            "webhook | {'url': {'file': '/run/secrets/hook'}, 'headers': {'A': {'env': 'B'}}} | ",
            "webhook | {'url': 'https://h', 'template': 'teams'}                           | config.template must be one of: generic, slack, pagerduty",
            "webhook | {'url': 'https://h', 'headers': 'x'}                                | config.headers must be an object of header names to values or secret refs",
            "webhook | {'template': 'generic'}                                             | webhook channels need a config.url string (or an env/file secret ref)",
            "webhook | {'url': 42}                                                         | webhook channels need a config.url string (or an env/file secret ref)",
            "webhook | {'url': '  '}                                                       | webhook channels need a config.url string (or an env/file secret ref)",
            "webhook | []                                                                 | webhook channels need a config.url string",
            "email   | {'smtp_host': 'smtp.example', 'to': ['ops@example']}                | ",
            "email   | {'to': ['ops@example']}                                             | email channels need a config.smtp_host string",
            "sms     | {'url': 'https://h'}                                                | kind must be webhook or email",
            "WEBHOOK | {'url': 'https://h'}                                                | kind must be webhook or email",
    })
    void configRulesPerKind(String kind, String config, String problem) {
        assertThat(ChannelConfigs.problem(kind, json(config)).orElse(null)).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', value = {
            // [REDACTED] keeps the stored secret, other keys replace
            "{'url': 'https://h/secret', 'template': 'generic'} | {'url': '[REDACTED]', 'template': 'slack'} | {'template': 'slack', 'url': 'https://h/secret'}",
            // headers merge per header: [REDACTED] keeps, null deletes, new ones are added
            "{'url': 'u', 'headers': {'Authorization': 'Bearer s', 'X-Old': 'o'}} | {'headers': {'Authorization': '[REDACTED]', 'X-Old': null, 'X-New': 'n'}} | {'url': 'u', 'headers': {'Authorization': 'Bearer s', 'X-New': 'n'}}",
            // headers: null removes all headers
            "{'url': 'u', 'headers': {'A': 'a'}} | {'headers': null} | {'url': 'u'}",
            // a null value is stored as null
            "{'url': 'u', 'template': 'slack'} | {'template': null} | {'url': 'u', 'template': null}",
            // a [REDACTED] for a key never stored adds nothing
            "{'url': 'u'} | {'routing_key': '[REDACTED]'} | {'url': 'u'}",
            // a patch that is not an object replaces the whole config
            "{'url': 'u'} | [1, 2] | [1, 2]",
            "{'url': 'u'} | {} | {'url': 'u'}",
    })
    void mergeKeepsRedactedValues(String stored, String patch, String expected) {
        assertThat(ChannelConfigs.merge(json(stored), json(patch))).isEqualTo(json(expected));
    }

    @Test
    void redactionHidesSecretsAndTheWebhookUrlButShowsReferencesPaths() {
        JsonNode config = json("{'url': 'https://hooks.example/T000/B000/xyz', 'template': 'pagerduty', "
                + "'routing_key_ref': {'env': 'PD_KEY'}, 'headers': {'Authorization': 'Bearer abc', 'X-Env': {'file': '/f'}, 'X-Plain': 'v'}}");
        JsonNode redacted = ChannelConfigs.redacted("webhook", config);
        assertThat(redacted.toString()).doesNotContain("xyz").doesNotContain("abc");
        assertThat(redacted.get("url").asText()).isEqualTo("[REDACTED]");
        assertThat(redacted.at("/headers/Authorization").asText()).isEqualTo("[REDACTED]");
        assertThat(redacted.at("/headers/X-Plain").asText()).isEqualTo("v");
        assertThat(ChannelConfigs.secretFields("webhook", config))
                .containsExactly("headers.Authorization", "headers.X-Env", "routing_key_ref", "url");
        assertThat(ChannelConfigs.configuredFields(config)).containsExactly("headers", "routing_key_ref", "template", "url");
        // an email channel's smtp_host is not a secret; its password is
        JsonNode email = json("{'smtp_host': 'smtp.example', 'password': 'pw', 'url': 'not-a-webhook'}");
        assertThat(ChannelConfigs.redacted("email", email).get("smtp_host").asText()).isEqualTo("smtp.example");
        assertThat(ChannelConfigs.redacted("email", email).get("password").asText()).isEqualTo("[REDACTED]");
        assertThat(ChannelConfigs.secretFields("email", email)).containsExactly("password");
    }

    @Test
    void nulCharactersAreFoundAnywhere() {
        assertThat(ChannelConfigs.containsNul(json("{'a': [1, {'b': 'x\\u0000y'}]}"))).isTrue();
        assertThat(ChannelConfigs.containsNul(json("{'a\\u0000': 1}"))).isTrue();
        assertThat(ChannelConfigs.containsNul(json("{'a': [1, {'b': 'xy'}]}"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "daily_summary | ", "execution_terminal | ",
            "Daily_Summary | unknown trigger_kind 'Daily_Summary'; expected one of: execution_terminal, discovery_changed, pending_backlog, pending_stale, discovery_stall, dependency_down, daily_summary",
    })
    void triggerKinds(String kind, String problem) {
        assertThat(TriggerKinds.triggerProblem(kind).orElse(null)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"info | true", "warning | true", "critical | true", "fatal | false", "WARNING | false"})
    void severities(String severity, boolean valid) {
        assertThat(TriggerKinds.severityProblem(severity).isEmpty()).isEqualTo(valid);
    }
}
