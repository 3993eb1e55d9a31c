package dev.beampipe.model.slurm.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameLookupParsingTest {
    static final String SID = "wallaby_2026-01-02T03-04-05";

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            // line; id; state; rawState; reason
            "10|" + SID + "|PENDING|(None);10;PENDING;PENDING;",
            "11|" + SID + "|PENDING|(Priority);11;PENDING;PENDING;Priority",
            "12|" + SID + "|COMPLETING|node1;12;RUNNING;COMPLETING;node1",
            "13|" + SID + "|CANCELLED by 0|None;13;CANCELLED;CANCELLED;",
            "14|" + SID + "|TIMEOUT|TimeLimit;14;TIMEOUT;TIMEOUT;TimeLimit",
            "15|" + SID + "|FAILED|;15;FAILED;FAILED;",
    })
    void exactNameRowsAreParsedAndStatesNormalised(String line, String id, SlurmState state, String rawState, String reason)
            throws MalformedLookupException {
        assertThat(NameLookupParsing.parse("\n" + line + "\n\n", SID))
                .containsExactly(new NameLookupRow(id, SID, state, rawState, reason));
    }

    @Test
    void otherNamesAreIgnoredEvenWithNonNumericIds() throws MalformedLookupException {
        assertThat(NameLookupParsing.parse("x1|other|RUNNING|n\n20|" + SID + "x|RUNNING|n\n", SID)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "10|" + SID + "|PENDING",
            "10|" + SID + "|PENDING|(None)|extra",
            "10||PENDING|(None)",
            "abc|" + SID + "|PENDING|(None)",
            "|" + SID + "|PENDING|(None)",
            "10 RUNNING",
    })
    void malformedOutputIsNotNegativeEvidence(String line) {
        assertThatThrownBy(() -> NameLookupParsing.parse("10|other|RUNNING|n\n" + line + "\n", SID))
                .isInstanceOf(MalformedLookupException.class).hasMessageContaining("line 2");
    }

    @Test
    void mergeLetsSqueueWin() {
        NameLookupRow q = new NameLookupRow("10", SID, SlurmState.RUNNING, "RUNNING", null);
        NameLookupRow a10 = new NameLookupRow("10", SID, SlurmState.PENDING, "PENDING", null);
        NameLookupRow a11 = new NameLookupRow("11", SID, SlurmState.FAILED, "FAILED", null);
        List<NameLookupRow> merged = NameLookupParsing.merge(List.of(q), List.of(a10, a11));
        assertThat(merged).containsExactly(q, a11);
        assertThat(NameLookupParsing.outcome(merged)).isEqualTo("ambiguous");
        assertThat(NameLookupParsing.outcome(List.of(q))).isEqualTo("exact");
        assertThat(NameLookupParsing.outcome(List.of())).isEqualTo("not_found");
    }
}
