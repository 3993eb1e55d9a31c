package dev.beampipe.model.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.model.admission.SourcePartition.Candidate;
import dev.beampipe.model.sources.MetadataRow;
import dev.beampipe.model.sources.SourceState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code partition_sources_ready_for_execution}: already executed first, then readiness checks 1-7, order kept. */
class SourcePartitionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T = Instant.parse("2026-11-29T09:00:00Z");

    static SourceState state(boolean enabled, Instant checked, String sig, String claim, String lastExecuted) {
        return new SourceState(enabled, checked, sig, claim, lastExecuted, true, T);
    }

    static List<MetadataRow> rows(String json) throws Exception {
        return List.of(new MetadataRow("1", JSON.readTree(json)));
    }

    @Test
    void partitionsInOrder() throws Exception {
        List<MetadataRow> ok = rows("{\"discovery_flags\": {\"a\": true}}");
        SourcePartition.Partition p = SourcePartition.partition(List.of(
                new Candidate("R1", state(true, T, "s1", null, null), ok),
                new Candidate("X", state(true, T, "s2", null, "s2"), ok),
                new Candidate("X-stale", state(true, T, "s3", null, "old"), ok),
                new Candidate("GONE", null, List.of()),
                new Candidate("OFF", state(false, T, "s4", null, null), ok),
                new Candidate("NEW", state(true, null, null, null, null), List.of()),
                new Candidate("BUSY", state(true, T, "s5", "tok", null), ok),
                new Candidate("EMPTY", state(true, T, "s6", null, null), List.of()),
                new Candidate("FLAGS", state(true, T, "s7", null, null), rows("{\"discovery_flags\": {\"a\": 0, \"b\": true}}")),
                new Candidate("R2", state(true, T, "s8", null, null), ok)));
        assertThat(p.ready()).containsExactly("R1", "X-stale", "R2");
        assertThat(p.alreadyExecuted()).containsExactly("X");
        assertThat(p.notReady()).containsExactly(
                org.assertj.core.api.Assertions.entry("GONE", "Source GONE is not registered. Register and discover the source before execution."),
                org.assertj.core.api.Assertions.entry("OFF", "Source OFF is disabled"),
                org.assertj.core.api.Assertions.entry("NEW", "Source NEW: Discovery has not yet run for this source (last_checked_at is unset). "
                        + "Run discovery first (POST /api/v2/sources/discover)."),
                org.assertj.core.api.Assertions.entry("BUSY", "Source BUSY: Discovery is still in progress for this source (active lease). Wait and retry."),
                org.assertj.core.api.Assertions.entry("EMPTY", "Source EMPTY has no discovered metadata. Run discovery first (POST /api/v2/sources/discover)."),
                org.assertj.core.api.Assertions.entry("FLAGS", "Source FLAGS metadata has discovery_flags that have not passed (failed keys: [\"a\"]). Re-run discovery."));
    }
}
