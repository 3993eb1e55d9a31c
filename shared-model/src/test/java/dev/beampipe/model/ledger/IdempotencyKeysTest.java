package dev.beampipe.model.ledger;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyKeysTest {
    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "abc-123_~!|OK",
            "''|INVALID",
            "a b|INVALID",
            "a\tb|INVALID",
            "caf\u00e9|ASCII",
            "\u007f|INVALID"})
    void keyRule(String key, String verdict) {
        Optional<String> expected = switch (verdict) {
            case "OK" -> Optional.empty();
            case "ASCII" -> Optional.of(IdempotencyKeys.NOT_ASCII);
            default -> Optional.of(IdempotencyKeys.INVALID);
        };
        assertThat(IdempotencyKeys.problem(key)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void lengthLimit() {
        assertThat(IdempotencyKeys.problem("k".repeat(128))).isEmpty();
        assertThat(IdempotencyKeys.problem("k".repeat(129))).contains(IdempotencyKeys.INVALID);
        assertThat(IdempotencyKeys.lockName(7, "k")).isEqualTo("beampipe:execution-create:7:k");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}|true|true",
            "{\"do_stage\": false}|false|true",
            "{\"do_submit\": false, \"do_stage\": true}|true|false",
            "{\"do_stage\": \"no\", \"do_submit\": null}|true|true"})
    void executeFlagsFromPayload(String payload, boolean stage, boolean submit) {
        assertThat(ExecuteFlags.fromPayload(new JsonObject(payload))).isEqualTo(new ExecuteFlags(stage, submit));
    }
}
