package dev.beampipe.api.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.workers.WorkerIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerRegistrationTest {
    static final UUID NEW = UUID.fromString("0190b0c0-0000-7000-8000-000000000042");
    static final ObjectMapper JSON = new ObjectMapper();

    static WorkerRegisterRequest request(String name, String host, String role, String pool, String version, Integer limit,
                                         String labels) throws Exception {
        JsonNode labelNode = labels == null ? null : JSON.readTree(labels);
        return new WorkerRegisterRequest(null, name, host, null, role, pool, null, labelNode, version, limit);
    }

    @Test
    void defaultsAreTheReferences() throws Exception {
        WorkerIdentity w = WorkerRegistration.identity(request("w1", "h1", null, null, "1.0", null, null), () -> NEW);
        assertThat(w.id()).isEqualTo(NEW);
        assertThat(w.role()).isEqualTo("worker");
        assertThat(w.pool()).isEqualTo("default");
        assertThat(w.concurrencyLimit()).isEqualTo(1);
        assertThat(w.capabilities()).isEmpty();
        assertThat(w.labels()).isEmpty();
    }

    @Test
    void scalarLabelsAreKeptAsText() throws Exception {
        WorkerIdentity w = WorkerRegistration.identity(request("w1", "h1", "scheduler_worker", "gpu", "1", 4,
                "{\"site\": \"pawsey\", \"gpus\": 2, \"fast\": true}"), () -> NEW);
        assertThat(w.labels()).isEqualTo(Map.of("site", "pawsey", "gpus", "2", "fast", "true"));
        assertThat(w.role()).isEqualTo("scheduler_worker");
        assertThat(w.concurrencyLimit()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "blank name          | ' '  | h   | NULL      | NULL | 1   | NULL | NULL            | " + WorkerRegistration.REQUIRED,
            "blank host          | w    | ''  | NULL      | NULL | 1   | NULL | NULL            | " + WorkerRegistration.REQUIRED,
            "blank pool          | w    | h   | NULL      | ' '  | 1   | NULL | NULL            | " + WorkerRegistration.REQUIRED,
            "blank version       | w    | h   | NULL      | NULL | ' ' | NULL | NULL            | " + WorkerRegistration.REQUIRED,
            "zero concurrency    | w    | h   | NULL      | NULL | 1   | 0    | NULL            | " + WorkerRegistration.REQUIRED,
            "negative concurrency| w    | h   | NULL      | NULL | 1   | -3   | NULL            | " + WorkerRegistration.REQUIRED,
            "unknown role        | w    | h   | scheduler | NULL | 1   | NULL | NULL            | " + WorkerRegistration.ROLE,
            "role with NUL       | w    | h   | 'a\u0000b'| NULL | 1   | NULL | NULL            | " + WorkerRegistration.ROLE,
            "labels array        | w    | h   | NULL      | NULL | 1   | NULL | '[1]'           | " + WorkerRegistration.LABELS,
            "nested label        | w    | h   | NULL      | NULL | 1   | NULL | '{\"a\": {}}'   | " + WorkerRegistration.LABELS,
            "null label          | w    | h   | NULL      | NULL | 1   | NULL | '{\"a\": null}' | " + WorkerRegistration.LABELS})
    void rejectedRequestsCarryTheReferencesMessage(String name, String instance, String host, String role, String pool,
                                                    String version, Integer limit, String labels, String message) throws Exception {
        WorkerRegisterRequest r = request(instance, host, role, pool, version, limit, labels);
        assertThatThrownBy(() -> WorkerRegistration.identity(r, () -> NEW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void blankCapabilitiesAreRejected() {
        WorkerRegisterRequest r = new WorkerRegisterRequest(null, "w", "h", null, null, null, List.of("ok", " "), null, "1", 1);
        assertThatThrownBy(() -> WorkerRegistration.identity(r, () -> NEW)).hasMessage(WorkerRegistration.CAPABILITIES);
    }
}
