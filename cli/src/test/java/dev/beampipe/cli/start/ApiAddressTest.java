package dev.beampipe.cli.start;

import dev.beampipe.cli.CliException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiAddressTest {

    @Test
    void defaultsToLoopback8080() {
        ApiAddress api = ApiAddress.resolve(null, Map.of());
        assertThat(api).isEqualTo(new ApiAddress("127.0.0.1", 8080));
        assertThat(api.bindValue()).isEqualTo("127.0.0.1:8080");
        assertThat(api.apiUrl()).isEqualTo("http://127.0.0.1:8080/api/v2");
    }

    @Test
    void portFlagOverridesThePort() {
        assertThat(ApiAddress.resolve(18080, Map.of())).isEqualTo(new ApiAddress("127.0.0.1", 18080));
        assertThat(ApiAddress.resolve(18080, Map.of("BEAMPIPE_BIND_ADDR", "0.0.0.0:9000")))
                .isEqualTo(new ApiAddress("0.0.0.0", 18080));
    }

    @Test
    void bindAddressEnvironmentSetsHostAndPort() {
        ApiAddress api = ApiAddress.resolve(null, Map.of("BEAMPIPE_BIND_ADDR", "0.0.0.0:9000"));
        assertThat(api).isEqualTo(new ApiAddress("0.0.0.0", 9000));
        assertThat(api.bindValue()).isEqualTo("0.0.0.0:9000");
        assertThat(api.apiUrl()).isEqualTo("http://127.0.0.1:9000/api/v2");
        assertThat(ApiAddress.resolve(null, Map.of("BEAMPIPE_BIND_ADDR", "[::1]:9000")).apiUrl())
                .isEqualTo("http://[::1]:9000/api/v2");
    }

    @Test
    void invalidValuesAreClearErrors() {
        assertThatThrownBy(() -> ApiAddress.resolve(0, Map.of())).isInstanceOf(CliException.class)
                .hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> ApiAddress.resolve(70000, Map.of())).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> ApiAddress.resolve(null, Map.of("BEAMPIPE_BIND_ADDR", "localhost")))
                .isInstanceOf(CliException.class).hasMessageContaining("BEAMPIPE_BIND_ADDR");
    }
}
