package dev.beampipe.api.ratelimit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "worked example of 20-api §5.4 | 10.0.0.2     | 203.0.113.99, 198.51.100.25, 10.0.0.1 | 10.0.0.0/8          | 198.51.100.25",
            "untrusted peer ignores XFF    | 198.51.100.7 | 203.0.113.99                          | 10.0.0.0/8          | 198.51.100.7",
            "no XFF header                 | 10.0.0.2     | NULL                                  | 10.0.0.0/8          | 10.0.0.2",
            "no trusted proxies            | 10.0.0.2     | 203.0.113.99                          | NULL                | 10.0.0.2",
            "unparsable entry uses peer    | 10.0.0.2     | 203.0.113.99, not-an-ip               | 10.0.0.0/8          | 10.0.0.2",
            "hostname is not an IP         | 10.0.0.2     | example.org                           | 10.0.0.0/8          | 10.0.0.2",
            "all hops trusted: leftmost    | 10.0.0.2     | 10.1.1.1, 10.2.2.2                    | 10.0.0.0/8          | 10.1.1.1",
            "single client                 | 127.0.0.1    | 203.0.113.5                           | 127.0.0.1/32        | 203.0.113.5",
            "ipv6 proxy                    | fd00::1      | 2001:db8::7                           | fd00::/8            | 2001:db8:0:0:0:0:0:7",
            "ipv4 peer, ipv6 network       | 10.0.0.2     | 203.0.113.99                          | fd00::/8            | 10.0.0.2",
            "prefix boundary outside       | 10.0.1.2     | 203.0.113.99                          | 10.0.0.0/24         | 10.0.1.2",
            "prefix boundary inside        | 10.0.0.255   | 203.0.113.99                          | 10.0.0.0/24         | 203.0.113.99",
            "odd prefix                    | 192.168.3.9  | 203.0.113.99                          | 192.168.2.0/23      | 203.0.113.99",
    })
    void resolvesTheClientLikeTheReference(String name, String peer, String xff, String trusted, String expected) {
        assertThat(ClientAddress.resolve(peer, xff, Cidr.parseList(trusted))).isEqualTo(expected);
    }

    @Test
    void invalidCidrsAreSettingsErrors() {
        assertThatThrownBy(() -> Cidr.parseList("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> Cidr.parseList("proxy.internal")).hasMessageContaining("not an IP network");
        assertThatThrownBy(() -> Cidr.parseList("300.1.1.1")).hasMessageContaining("not an IP network");
        assertThat(Cidr.parseList(" 10.0.0.0/8 , ::1 ")).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /api/v2/login, AUTH",
            "POST, /api/v2/login/, AUTH",
            "POST, /api/v2/refresh, AUTH",
            "POST, /api/v2/logout, AUTH",
            "POST, /api/v2/executions, WRITE",
            "POST, /api/v2/executions/0190aaaa-0000-7000-8000-000000000000/execute, WRITE",
            "POST, /api/v2/executions/x/retry, WRITE",
            "POST, /api/v2/executions/x/submission/abandon, WRITE",
            "POST, /api/v2/executions/x/outputs/verify, WRITE",
            "POST, /api/v2/executions/prepare, NONE",
            "POST, /api/v2/project-configs, WRITE",
            "POST, /api/v2/project-configs/wallaby/wasm, WRITE",
            "POST, /api/v2/jobs, WRITE",
            "POST, /api/v2/graphs/prepare, WRITE",
            "GET, /api/v2/login, NONE",
            "GET, /api/v2/executions, NONE",
            "POST, /api/v2/sources, NONE",
    })
    void sensitiveRoutesAreTheReferencesList(String method, String path, SensitiveRoutes.Group group) {
        assertThat(SensitiveRoutes.of(method, path)).isEqualTo(group);
    }

    @Test
    void bucketsTrimOneTrailingSlash() {
        assertThat(SensitiveRoutes.bucket("/api/v2/login/")).isEqualTo("/api/v2/login");
        assertThat(List.of(SensitiveRoutes.bucket("/"))).containsExactly("/");
    }
}
