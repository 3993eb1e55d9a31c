package dev.beampipe.scheduler.gauges;

import dev.beampipe.model.sources.ReadinessLabel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SourceClassificationTest {

    @ParameterizedTest(name = "discovering={0} admitting={1} executing={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "false, false, false, -",
            "true,  false, false, discovering",
            "false, true,  false, admitting",
            "true,  true,  false, admitting",
            "false, false, true,  executing",
            "true,  false, true,  executing",
            "false, true,  true,  executing",
            "true,  true,  true,  executing"})
    void aSourceInFlightCountsOnceAtItsHighestPhase(boolean discovering, boolean admitting, boolean executing, String phase) {
        assertThat(SourcePhase.highest(discovering, admitting, executing).map(SourcePhase::label).orElse(null)).isEqualTo(phase);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                              | enabled | discovering | pending | discovered | no datasets | executed | readiness
            "disabled wins over everything       | false   | true        | true    | true       | false       | true     | disabled",
            "disabled and never discovered       | false   | false       | false   | false      | false       | false    | disabled",
            "claimed for discovery               | true    | true        | true    | true       | false       | false    | discovering",
            "pending admission                   | true    | false       | true    | true       | false       | false    | pending admission",
            "pending although signature executed | true    | false       | true    | true       | false       | true     | pending admission",
            "never discovered                    | true    | false       | false   | false      | false       | false    | not discovered",
            "last discovery found nothing        | true    | false       | false   | true       | true        | false    | no datasets",
            "executed for current metadata       | true    | false       | false   | true       | false       | true     | executed",
            "discovered, changed, not pending    | true    | false       | false   | true       | false       | false    | ready (changed)"})
    void everySourceHasExactlyOneReadiness(String name, boolean enabled, boolean discovering, boolean pending,
                                           boolean discovered, boolean noDatasets, boolean executed, String readiness) {
        var facts = new ReadinessLabel.Facts(enabled, discovering, pending, discovered, noDatasets, executed, false);
        assertThat(ReadinessLabel.of(facts).label()).isEqualTo(readiness);
    }
}
