package dev.beampipe.worker.execute;

import dev.beampipe.model.settings.EnvValues;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecuteOptionsTest {
    static final String ID = "019e0000-0000-7000-8000-000000000001";

    @ParameterizedTest(name = "{0} env={1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                        | -     | true  | true  | false",
            "{}                                                        | true  | true  | true  | true",
            "{}                                                        | 0     | true  | true  | false",
            "{\"do_stage\":false}                                      | -     | false | true  | false",
            "{\"do_submit\":false}                                     | -     | true  | false | false",
            "{\"use_real_backends\":true}                              | false | true  | true  | true",
            "{\"use_real_backends\":false}                             | true  | true  | true  | false",
            "{\"do_stage\":false,\"do_submit\":false}                  | 1     | false | false | true",
    })
    void defaultsAndOverrides(String extra, String env, boolean stage, boolean submit, boolean real) {
        JsonObject payload = new JsonObject(extra).put("execution_id", ID);
        EnvValues values = new EnvValues("-".equals(env) ? Map.of() : Map.of(ExecuteOptions.USE_REAL_BACKENDS, env));
        ExecuteOptions o = ExecuteOptions.parse(payload, values);
        assertThat(o).isEqualTo(new ExecuteOptions(UUID.fromString(ID), stage, submit, real));
        assertThat(o.dryRun()).isEqualTo(!real);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                              | execute payload needs a string execution_id",
            "{\"execution_id\":7}                            | execute payload needs a string execution_id",
            "{\"execution_id\":\"nope\"}                     | execute payload execution_id is not a UUID: nope",
            "{\"execution_id\":\"" + ID + "\",\"do_stage\":\"yes\"} | execute payload do_stage must be a boolean",
            "{\"execution_id\":\"" + ID + "\",\"use_real_backends\":1} | execute payload use_real_backends must be a boolean",
    })
    void malformedPayloads(String payload, String message) {
        assertThatThrownBy(() -> ExecuteOptions.parse(new JsonObject(payload), new EnvValues(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void nullPayloadIsMalformed() {
        assertThatThrownBy(() -> ExecuteOptions.parse(null, new EnvValues(Map.of())))
                .hasMessage("execute payload needs a string execution_id");
    }
}
