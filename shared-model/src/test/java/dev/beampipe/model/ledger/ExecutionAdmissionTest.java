package dev.beampipe.model.ledger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionAdmissionTest {
    static SourceSelection src(String sid, String... sbids) {
        return new SourceSelection(sid, sbids.length == 0 ? null : Arrays.asList(sbids));
    }

    static ExecutionRequest req(String module, String archive, SourceSelection... sources) {
        return new ExecutionRequest(module, List.of(sources), archive, null, null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("valid", req("wallaby", "casda", src("S1"), src("S2", "1", "2")), List.of()),
                Arguments.of("blank module and archive", req("  ", "", src("S1")),
                        List.of("project_module must not be empty", "archive_name must not be empty")),
                Arguments.of("no sources", req("m", "casda"), List.of("at least one source must be selected")),
                Arguments.of("blank source", req("m", "casda", src(" ")), List.of("sources[0].source_identifier must not be empty")),
                Arguments.of("duplicate after trim", req("m", "casda", src("S1"), src(" S1 ")),
                        List.of("source 'S1' is selected more than once")),
                Arguments.of("empty sbids", req("m", "casda", new SourceSelection("S1", List.of())),
                        List.of("source 'S1': sbids must not be empty when present")),
                Arguments.of("blank sbid", req("m", "casda", src("S1", "1", " ")),
                        List.of("source 'S1': sbids must not contain blank entries")),
                Arguments.of("duplicate sbid after trim", req("m", "casda", src("S1", "1", " 1")),
                        List.of("source 'S1': sbid '1' is selected more than once")),
                Arguments.of("both profile selectors", new ExecutionRequest("m", List.of(src("S1")), "casda",
                        UUID.randomUUID(), "p"), List.of("select either deployment_profile_id or deployment_profile_name, not both")),
                Arguments.of("errors accumulate", req("", "", src("S1"), src("S1", "1", "1")),
                        List.of("project_module must not be empty", "archive_name must not be empty",
                                "source 'S1' is selected more than once", "source 'S1': sbid '1' is selected more than once")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void requestRules(String name, ExecutionRequest request, List<String> expected) {
        assertThat(ExecutionAdmission.requestErrors(request.trimmed())).isEqualTo(expected);
    }
}
