package dev.beampipe.api.cors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CorsPolicyTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(nullValues = "NULL", value = {
            "NULL, https://ops.example, *",
            "'', https://ops.example, *",
            "'not an origin, ftp:/x', https://ops.example, *",
            "https://ops.example, https://ops.example, https://ops.example",
            "'https://ops.example, http://localhost:3000', http://localhost:3000, http://localhost:3000",
            "https://ops.example, https://OPS.example, https://OPS.example",
            "https://ops.example, https://evil.example, NULL",
            "https://ops.example, https://ops.example:8443, NULL",
            "https://ops.example/path, https://ops.example, *",
            "https://ops.example, NULL, NULL",
    })
    void allowsExactOriginsOrEverythingWhenUnset(String setting, String origin, String expected) {
        assertThat(CorsPolicy.parse(setting).allowOrigin(origin).orElse(null)).isEqualTo(expected);
    }
}
