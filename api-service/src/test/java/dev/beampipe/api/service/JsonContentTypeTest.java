package dev.beampipe.api.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonContentTypeTest {
    @Test
    void suffixedJsonTypesArePresentedAsApplicationJson() {
        assertThat(JsonContentType.normalise("application/merge-patch+json")).isEqualTo("application/json");
        assertThat(JsonContentType.normalise("application/vnd.x+json; charset=utf-8")).isEqualTo("application/json; charset=utf-8");
        assertThat(JsonContentType.normalise("Application/Problem+JSON")).isEqualTo("application/json");
    }

    @Test
    void everythingElseIsLeftAlone() {
        assertThat(JsonContentType.normalise("application/json")).isEqualTo("application/json");
        assertThat(JsonContentType.normalise("text/plain")).isEqualTo("text/plain");
        assertThat(JsonContentType.normalise("application/x-yaml")).isEqualTo("application/x-yaml");
        assertThat(JsonContentType.normalise("text/x+json")).isEqualTo("text/x+json");
    }
}
