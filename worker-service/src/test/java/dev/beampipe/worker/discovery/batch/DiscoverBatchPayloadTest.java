package dev.beampipe.worker.discovery.batch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscoverBatchPayloadTest {

    static Stream<Arguments> invalid() {
        JsonArray ids = new JsonArray().add("HIPASSJ1317-16");
        return Stream.of(
                Arguments.of(null, "discover_batch missing project_module"),
                Arguments.of(new JsonObject(), "discover_batch missing project_module"),
                Arguments.of(new JsonObject().put("project_module", 7).put("claim_token", "t").put("source_identifiers", ids),
                        "discover_batch missing project_module"),
                Arguments.of(new JsonObject().put("project_module", " ").put("claim_token", "t").put("source_identifiers", ids),
                        "discover_batch missing project_module"),
                Arguments.of(new JsonObject().put("project_module", "w").put("source_identifiers", ids),
                        "discover_batch missing claim_token"),
                Arguments.of(new JsonObject().put("project_module", "w").put("claim_token", "t"),
                        "discover_batch missing source_identifiers"),
                Arguments.of(new JsonObject().put("project_module", "w").put("claim_token", "t").put("source_identifiers", "x"),
                        "discover_batch missing source_identifiers"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void anIncompletePayloadIsAJobError(JsonObject payload, String message) {
        assertThatThrownBy(() -> DiscoverBatchPayload.parse(payload))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest
    @MethodSource("kept")
    void nonStringIdentifiersAreDropped(JsonArray identifiers, List<String> expected) {
        DiscoverBatchPayload p = DiscoverBatchPayload.parse(new JsonObject().put("project_module", "wallaby_hires")
                .put("config_revision", 3).put("claim_token", "tok").put("source_identifiers", identifiers));
        assertThat(p.projectModule()).isEqualTo("wallaby_hires");
        assertThat(p.claimToken()).isEqualTo("tok");
        assertThat(p.sourceIdentifiers()).isEqualTo(expected);
    }

    static Stream<Arguments> kept() {
        return Stream.of(
                Arguments.of(new JsonArray(), List.of()),
                Arguments.of(new JsonArray().add("a").add(1).addNull().add(new JsonObject()).add("b"), List.of("a", "b")),
                Arguments.of(new JsonArray().add("HIPASSJ1317-16"), List.of("HIPASSJ1317-16")));
    }
}
