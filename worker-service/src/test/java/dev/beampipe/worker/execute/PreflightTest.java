package dev.beampipe.worker.execute;

import dev.beampipe.model.daliuge.TranslatorClient;
import dev.beampipe.simulators.daliuge.DaliugeSimulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight's Translator probe uses the spec's 5 s, not the translation calls' timeout (capped at 10 s to connect). */
class PreflightTest {

    @Test
    void theTranslatorProbeUsesTheFiveSecondPreflightTimeout() throws Exception {
        try (DaliugeSimulator sim = DaliugeSimulator.start(0)) {
            TranslatorClient tm = Preflight.translator(ExampleProject.translation(sim), false);
            assertThat(tm.timeout()).isEqualTo(Duration.ofSeconds(5)).isEqualTo(TranslatorClient.PREFLIGHT_TIMEOUT);
            Preflight.translatorReachable(ExampleProject.translation(sim), false);
            assertThat(sim.tm().count("root")).isEqualTo(1);
        }
    }
}
