package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure rules behind the execution views: DIM base URLs, observation timestamps, readiness truthiness. */
class ExecutionViewRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return text == null ? null : JSON.readTree(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "{\"kind\": \"rest_remote\", \"deploy_host\": \"dim\"}|http://dim:8001",
            "{\"kind\": \"rest_remote\", \"deploy_host\": \"dim\", \"deploy_port\": 80}|http://dim",
            "{\"kind\": \"rest_remote\", \"deploy_host\": \"dim\", \"deploy_port\": 443, \"use_https\": true}|https://dim",
            "{\"kind\": \"rest_remote\", \"deploy_host\": \"dim\", \"deploy_port\": 80, \"use_https\": true}|https://dim:80",
            "{\"kind\": \"rest_remote\", \"deploy_host\": \"dim\", \"deploy_port\": null}|http://dim:8001",
            "{\"kind\": \"slurm_remote\", \"login_node\": \"x\"}|NULL",
            "{\"kind\": \"rest_remote\"}|NULL"})
    void restBase(String deployment, String expected) throws Exception {
        assertThat(ExecutionDebugUrls.restBase(json(deployment))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL|NULL|NULL",
            "{\"observed_at\": \"2026-01-01T00:00:00Z\"}|{\"observed_at\": \"2026-01-02T00:00:00.5Z\"}|2026-01-02T00:00:00.500Z",
            "{\"observed_at\": \"2026-01-03T00:00:00Z\"}|NULL|2026-01-03T00:00:00Z",
            "{\"state\": \"RUNNING\"}|NULL|2030-01-01T00:00:00Z"})
    void lastObservationAt(String slurm, String dim, String expected) throws Exception {
        Instant reconciled = Instant.parse("2030-01-01T00:00:00Z");
        Instant actual = ExecutionStatusResponse.lastObservationAt(json(slurm), json(dim), reconciled);
        assertThat(actual).isEqualTo(expected == null ? null : Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "true|true", "false|false", "null|false", "0|false", "0.0|false", "2|true", "\"\"|false", "\"  \"|false",
            "\"x\"|true", "[]|false", "[0]|true", "{}|false", "{\"a\": 1}|true"})
    void pythonTruthiness(String value, boolean expected) throws Exception {
        assertThat(dev.beampipe.model.sources.SourceReadiness.flagPasses(json(value))).isEqualTo(expected);
    }
}
