package dev.beampipe.api.errors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedMethodsTest {
    @Test
    void templatesMatchOneSegmentPerParameter() {
        assertThat(AllowedMethods.template("/api/v2/executions/{id}/status").matcher("/api/v2/executions/abc/status").matches()).isTrue();
        assertThat(AllowedMethods.template("/api/v2/executions/{id}").matcher("/api/v2/executions/a/b").matches()).isFalse();
        assertThat(AllowedMethods.template("/api/v2/files/{path: .+}").matcher("/api/v2/files/a/b").matches()).isTrue();
        assertThat(AllowedMethods.template("/api/v2/a.b").matcher("/api/v2/aXb").matches()).isFalse();
    }

    @Test
    void pathsAreJoinedWithoutDoubleOrTrailingSlashes() {
        assertThat(AllowedMethods.join("/api/v2/jobs", "")).isEqualTo("/api/v2/jobs");
        assertThat(AllowedMethods.join("api/v2/", "/{id}/")).isEqualTo("/api/v2/{id}");
    }
}
