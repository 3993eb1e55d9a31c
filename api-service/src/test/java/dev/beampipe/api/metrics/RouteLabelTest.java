package dev.beampipe.api.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteLabelTest {
    @Test
    void uuidSegmentsBecomeId() {
        assertThat(RouteLabel.of("/api/v2/executions/0190f1a2-3b4c-7d5e-8f60-718293a4b5c6/status"))
                .isEqualTo("/api/v2/executions/:id/status");
        assertThat(RouteLabel.of("/api/v2/sources/0190F1A2-3B4C-7D5E-8F60-718293A4B5C6"))
                .isEqualTo("/api/v2/sources/:id");
        assertThat(RouteLabel.of("/api/v2/workers/0190f1a23b4c7d5e8f60718293a4b5c6/drain"))
                .isEqualTo("/api/v2/workers/:id/drain");
    }

    @Test
    void otherSegmentsAreKeptVerbatim() {
        assertThat(RouteLabel.of("/api/v2/project-configs/wallaby_hires")).isEqualTo("/api/v2/project-configs/wallaby_hires");
        assertThat(RouteLabel.of("/api/v2/health")).isEqualTo("/api/v2/health");
        assertThat(RouteLabel.of("/api/v2/x/0190f1a2-3b4c-7d5e-8f60-718293a4b5c")).isEqualTo("/api/v2/x/0190f1a2-3b4c-7d5e-8f60-718293a4b5c");
        assertThat(RouteLabel.of("/api/v2/wasm/" + "a".repeat(64))).isEqualTo("/api/v2/wasm/" + "a".repeat(64));
    }
}
