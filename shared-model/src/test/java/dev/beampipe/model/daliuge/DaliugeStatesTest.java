package dev.beampipe.model.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DaliugeStatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @ParameterizedTest(name = "session {0} → {1}")
    @CsvSource({
            "0, pristine", "1, building", "2, deploying", "3, running", "4, finished", "5, cancelled",
            "6, failed", "7, unknown", "-1, unknown", "99, unknown"})
    void sessionNumbers(long number, String ledger) {
        assertThat(DaliugeStates.session(number).ledgerValue()).isEqualTo(ledger);
    }

    @ParameterizedTest(name = "session \"{0}\" → {1}")
    @CsvSource({
            "PRISTINE, pristine", "' building ', building", "Deploying, deploying", "running, running",
            "FINISHED, finished", "completed, finished", "CANCELLED, cancelled", "canceled, cancelled",
            "FAILED, failed", "fail, failed", "ERROR, failed", "DONE, unknown", "'', unknown"})
    void sessionStrings(String text, String ledger) {
        assertThat(DaliugeStates.session(text).ledgerValue()).isEqualTo(ledger);
    }

    @ParameterizedTest(name = "drop {0} → {1}")
    @CsvSource({
            "0, INITIALIZED", "1, WRITING", "2, COMPLETED", "3, ERROR", "4, EXPIRED", "5, DELETED",
            "6, CANCELLED", "7, SKIPPED", "8, UNKNOWN", "-3, UNKNOWN"})
    void dropNumbers(long number, DropState state) {
        assertThat(DaliugeStates.drop(number)).isEqualTo(state);
    }

    @ParameterizedTest(name = "app {0} → {1}")
    @CsvSource({"0, NOT_RUN", "1, RUNNING", "2, FINISHED", "3, ERROR", "4, CANCELLED", "5, SKIPPED", "6, UNKNOWN"})
    void appNumbers(long number, AppState state) {
        assertThat(DaliugeStates.app(number)).isEqualTo(state);
    }

    @Test
    void sessionThreeIsRunningButDropThreeIsError() {
        assertThat(DaliugeStates.session(3)).isEqualTo(SessionState.RUNNING);
        assertThat(DaliugeStates.drop(3)).isEqualTo(DropState.ERROR);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "3 | running",
            "'\"FINISHED\"' | finished",
            "{\"status\": 4} | finished",
            "{\"status\": \"cancelled\"} | cancelled",
            "{\"nm1:8000:5555:6666\": 3, \"nm2:8000:5555:6666\": 4} | running",
            "{\"nm1\": 4, \"nm2\": 4} | finished",
            "{\"nm1\": 4, \"nm2\": 6} | failed",
            "{\"nm1\": 5, \"nm2\": 5} | cancelled",
            "{\"nm1\": 5, \"nm2\": 4} | cancelled",
            "{\"nm1\": 2, \"nm2\": 1} | deploying",
            "{\"nm1\": 0, \"nm2\": 1} | building",
            "{\"nm1\": 0, \"nm2\": 0} | pristine",
            "{\"nm1\": 3, \"nm2\": 9} | unknown",
            "{} | unknown",
            "[3] | unknown",
            "null | unknown"})
    void statusShapes(String raw, String ledger) throws Exception {
        assertThat(DaliugeStates.sessionStatus(json(raw)).state().ledgerValue()).isEqualTo(ledger);
    }

    @Test
    void perNodeStatesAreKept() throws Exception {
        SessionStatus s = DaliugeStates.sessionStatus(json("{\"nm1:8000:5555:6666\": 3, \"nm2:8000:5555:6666\": 4}"));
        assertThat(s.perNode()).containsExactly(
                org.assertj.core.api.Assertions.entry("nm1:8000:5555:6666", SessionState.RUNNING),
                org.assertj.core.api.Assertions.entry("nm2:8000:5555:6666", SessionState.FINISHED));
    }

    @ParameterizedTest(name = "{0} error={1}")
    @CsvSource(delimiter = '|', value = {
            "3 | true", "2 | false", "{\"status\": 3, \"execStatus\": 3} | true", "{\"status\": 2, \"execStatus\": 2} | false",
            "{\"status\": 0} | false", "'\"error\"' | true", "'\"App FAILED\"' | true", "'\"COMPLETED\"' | false",
            "{\"execStatus\": 3} | false"})
    void errorDrops(String raw, boolean error) throws Exception {
        assertThat(DaliugeStates.isErrorDrop(json(raw))).isEqualTo(error);
    }

    @ParameterizedTest(name = "{0} errors={1} → {2} / {3}")
    @CsvSource({
            "FINISHED, false, completed, finished",
            "FINISHED, true, failed, failed",
            "CANCELLED, false, cancelled, cancelled",
            "FAILED, false, failed, failed",
            "RUNNING, false, running, running",
            "RUNNING, true, running, running",
            "DEPLOYING, false, running, deploying",
            "PRISTINE, false, running, pristine",
            "UNKNOWN, false, running, unknown"})
    void executionStatusAndLedgerState(SessionState session, boolean errors, String execution, String ledger) {
        assertThat(DaliugeStates.executionStatus(session, errors)).isEqualTo(execution);
        assertThat(DaliugeStates.ledgerState(session, errors)).isEqualTo(ledger);
    }

    @Test
    void everyLedgerValueIsOnTheAxis() {
        List<String> axis = List.of("not_created", "pristine", "building", "deploying", "running", "finished",
                "cancelled", "failed", "unknown", "unreachable");
        assertThat(Arrays.stream(SessionState.values()).map(SessionState::ledgerValue)).allMatch(axis::contains);
        assertThat(axis).contains(DaliugeStates.NOT_CREATED, DaliugeStates.UNREACHABLE);
        assertThat(Arrays.stream(SessionState.values()).filter(SessionState::active).map(SessionState::ledgerValue))
                .containsExactly("pristine", "building", "deploying", "running");
    }

    @Test
    void graphStatusParsesPerDropObjects() throws Exception {
        GraphStatus g = GraphStatus.parse(json(
                "{\"b\": {\"status\": 3, \"execStatus\": 3}, \"a\": {\"status\": 2}, \"c\": {\"status\": 1, \"execStatus\": 1}}"));
        assertThat(g.drops().get("a").state()).isEqualTo(DropState.COMPLETED);
        assertThat(g.drops().get("a").execState()).isEmpty();
        assertThat(g.drops().get("b").execState()).contains(AppState.ERROR);
        assertThat(g.drops().get("c").state()).isEqualTo(DropState.WRITING);
        assertThat(g.errorDropUids()).containsExactly("b");
        assertThat(g.count(DropState.COMPLETED)).isEqualTo(1);
        assertThat(GraphStatus.parse(json("[1]"))).isNull();
    }
}
