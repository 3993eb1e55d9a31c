package dev.beampipe.model.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SourceReadinessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final SourceState READY = new SourceState(true, NOW.minusSeconds(60), "abc", null, null, false, null);
    static final String RUN = ". Run discovery first (POST /api/v2/sources/discover).";

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<MetadataRow> rows(String... sbidAndJson) {
        List<MetadataRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < sbidAndJson.length; i += 2) {
            rows.add(new MetadataRow(sbidAndJson[i], sbidAndJson[i + 1] == null ? null : json(sbidAndJson[i + 1])));
        }
        return rows;
    }

    static Stream<Arguments> checks() {
        List<MetadataRow> ok = rows("123", "{\"discovery_flags\": {\"ok\": true}}");
        return Stream.of(
                Arguments.of("ready", READY, ok, null, null),
                Arguments.of("not registered", null, ok, null,
                        "Source S is not registered. Register and discover the source before execution."),
                Arguments.of("disabled wins over everything after it",
                        new SourceState(false, null, null, "tok", null, false, null), List.of(), null, "Source S is disabled"),
                Arguments.of("never checked", new SourceState(true, null, "abc", null, null, false, null), ok, null,
                        "Source S: Discovery has not yet run for this source (last_checked_at is unset)" + RUN),
                Arguments.of("null signature", new SourceState(true, NOW, null, null, null, false, null), ok, null,
                        "Source S: Discovery signature is missing" + RUN),
                Arguments.of("empty signature", new SourceState(true, NOW, "", null, null, false, null), ok, null,
                        "Source S: Discovery signature is missing" + RUN),
                Arguments.of("discovery claim held", new SourceState(true, NOW, "abc", "claim", null, false, null), ok, null,
                        "Source S: Discovery is still in progress for this source (active lease). Wait and retry."),
                Arguments.of("no metadata", READY, List.of(), null, "Source S has no discovered metadata" + RUN),
                Arguments.of("no metadata for the selected SBIDs", READY, ok, List.of("2"),
                        "Source S has no discovered metadata (SBIDs: [\"2\"])" + RUN),
                Arguments.of("two SBIDs in the hint", READY, ok, List.of("2", "3"),
                        "Source S has no discovered metadata (SBIDs: [\"2\", \"3\"])" + RUN),
                Arguments.of("empty SBID list selects every row", READY, ok, List.of(), null),
                Arguments.of("selected SBID present", READY, ok, List.of("123"), null),
                Arguments.of("failed flag", READY, rows("1", "{\"discovery_flags\": {\"b\": false, \"a\": 0, \"c\": 1}}"), null,
                        "Source S metadata has discovery_flags that have not passed (failed keys: [\"a\", \"b\"]). Re-run discovery."),
                Arguments.of("failed flag only in an unselected row", READY,
                        rows("1", "{\"discovery_flags\": {\"x\": false}}", "2", "{\"discovery_flags\": {\"x\": true}}"), List.of("2"), null),
                Arguments.of("first failing row wins", READY,
                        rows("1", "{\"discovery_flags\": {\"x\": null}}", "2", "{\"discovery_flags\": {\"y\": \"\"}}"), null,
                        "Source S metadata has discovery_flags that have not passed (failed keys: [\"x\"]). Re-run discovery."),
                Arguments.of("rows without flags are not checked", READY,
                        rows("1", null, "2", "{\"datasets\": []}", "3", "{\"discovery_flags\": [false]}"), null, null),
                Arguments.of("python truthiness passes", READY, rows("1", "{\"discovery_flags\": {\"ra_dec_vsys_complete\": true, "
                        + "\"ra_string\": \"13h13m13s\", \"vsys\": 2505.3, \"list\": [0], \"obj\": {\"k\": 0}}}"), null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void readinessChecksRunInOrder(String name, SourceState source, List<MetadataRow> rows, List<String> sbids, String expected) {
        assertThat(SourceReadiness.error("S", sbids, source, rows)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> flags() {
        return Stream.of(
                Arguments.of("null", false), Arguments.of("false", false), Arguments.of("true", true),
                Arguments.of("\"\"", false), Arguments.of("\"  \"", false), Arguments.of("\"x\"", true),
                Arguments.of("0", false), Arguments.of("0.0", false), Arguments.of("-1", true), Arguments.of("0.5", true),
                Arguments.of("[]", false), Arguments.of("[null]", true), Arguments.of("{}", false), Arguments.of("{\"a\": 1}", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("flags")
    void flagsUsePythonTruthiness(String value, boolean passes) {
        assertThat(SourceReadiness.flagPasses(json(value))).isEqualTo(passes);
    }

    @Test
    void statusOfAReadySource() {
        SourceStatus status = SourceReadiness.status("S", READY, rows("1", "{}"), null, NOW);
        assertThat(status.readyForExecution()).isTrue();
        assertThat(status.discoveryComplete()).isTrue();
        assertThat(status.blockers()).isEmpty();
        assertThat(status.pendingAgeSeconds()).isNull();
        assertThat(status.signatureMatchesLastExecution()).isFalse();
    }

    @Test
    void alreadyExecutedMetadataBlocksAndBlockersAreSorted() {
        SourceState executed = new SourceState(true, NOW, "abc", null, "abc", true, NOW.minusSeconds(90));
        SourceStatus status = SourceReadiness.status("S", executed, List.of(), null, NOW);
        assertThat(status.readyForExecution()).isFalse();
        assertThat(status.signatureMatchesLastExecution()).isTrue();
        assertThat(status.blockers()).containsExactly(
                "Source S has no discovered metadata" + RUN,
                "Source S: Discovery signature matches last executed run (already executed for current metadata).");
        assertThat(status.pendingAgeSeconds()).isEqualTo(90L);
    }

    @Test
    void pendingAgeIsNeverNegativeAndOnlyWhenPending() {
        SourceState future = new SourceState(true, NOW, "abc", null, null, true, NOW.plusSeconds(30));
        assertThat(SourceReadiness.status("S", future, rows("1", "{}"), null, NOW).pendingAgeSeconds()).isZero();
        SourceState notPending = new SourceState(true, NOW, "abc", null, null, false, NOW.minusSeconds(30));
        assertThat(SourceReadiness.status("S", notPending, rows("1", "{}"), null, NOW).pendingAgeSeconds()).isNull();
    }

    @Test
    void discoveryIsIncompleteWhileClaimedOrUnsigned() {
        assertThat(SourceReadiness.discoveryComplete(new SourceState(true, NOW, "abc", "t", null, false, null))).isFalse();
        assertThat(SourceReadiness.discoveryComplete(new SourceState(true, NOW, "", null, null, false, null))).isFalse();
        assertThat(SourceReadiness.discoveryComplete(new SourceState(false, NOW, "abc", null, null, false, null))).isTrue();
    }

    @Test
    void emptySignaturesNeverMatch() {
        assertThat(SourceReadiness.signatureMatchesLastExecution(new SourceState(true, NOW, "", null, "", false, null))).isFalse();
        assertThat(SourceReadiness.signatureMatchesLastExecution(new SourceState(true, NOW, null, null, null, false, null))).isFalse();
    }
}
