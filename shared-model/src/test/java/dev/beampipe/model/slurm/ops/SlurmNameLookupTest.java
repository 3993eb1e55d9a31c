package dev.beampipe.model.slurm.ops;

import dev.beampipe.model.slurm.protocol.SlurmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** §4.9 against the fake login node. */
class SlurmNameLookupTest {
    @RegisterExtension
    static final FakeNodeExtension fake = new FakeNodeExtension();
    final SlurmNameLookup lookup = new SlurmNameLookup();

    static String sid() {
        return "nl_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Instant intent() {
        return Instant.now().minusSeconds(60);
    }

    @Test
    void exactFromSqueueForALiveJob() throws Exception {
        String sid = sid();
        fake.node().scenario().pendingFor(Duration.ofHours(1), "Priority");
        String id = fake.sbatch(sid);
        SlurmNameLookup.LookupResult r = lookup.lookup(fake.shell(), sid, intent());
        assertThat(r.outcome()).isEqualTo("exact");
        assertThat(r.complete()).isTrue();
        assertThat(r.matchedJobIds()).containsExactly(id);
        assertThat(r.rows().get(0).state()).isEqualTo(SlurmState.PENDING);
        assertThat(r.rows().get(0).reason()).isEqualTo("Priority");
        assertThat(r.squeue().status()).isEqualTo("ok");
        assertThat(r.evidence().get("result").asText()).isEqualTo("exact");
        assertThat(r.evidence().get("query_complete").asBoolean()).isTrue();
    }

    @Test
    void exactFromSacctOnlyForAFinishedJob() throws Exception {
        String sid = sid();
        fake.node().scenario().completeAfter(Duration.ZERO, Duration.ofSeconds(1));
        String id = fake.sbatch(sid);
        fake.node().scenario().advance(Duration.ofSeconds(30));
        SlurmNameLookup.LookupResult r = lookup.lookup(fake.shell(), sid, intent());
        assertThat(r.outcome()).isEqualTo("exact");
        assertThat(r.matchedJobIds()).containsExactly(id);
        assertThat(r.rows().get(0).state()).isEqualTo(SlurmState.COMPLETED);
        assertThat(r.squeue().rows()).isZero();
        assertThat(r.sacct().rows()).isEqualTo(1);
    }

    @Test
    void notFoundAndAmbiguous() throws Exception {
        SlurmNameLookup.LookupResult none = lookup.lookup(fake.shell(), sid(), intent());
        assertThat(none.outcome()).isEqualTo("not_found");
        assertThat(none.complete()).isTrue();

        String sid = sid();
        fake.node().scenario().pendingFor(Duration.ofHours(1), "Priority");
        String a = fake.sbatch(sid);
        fake.node().scenario().pendingFor(Duration.ofHours(1), "Priority");
        String b = fake.sbatch(sid);
        SlurmNameLookup.LookupResult two = lookup.lookup(fake.shell(), sid, intent());
        assertThat(two.outcome()).isEqualTo("ambiguous");
        assertThat(two.matchedJobIds()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void aFailedSourceIsAnErrorNotNegativeEvidence() throws Exception {
        fake.node().scenario().accountingDisabled(true);
        try {
            SlurmNameLookup.LookupResult r = lookup.lookup(fake.shell(), sid(), intent());
            assertThat(r.outcome()).isEqualTo("error");
            assertThat(r.complete()).isFalse();
            assertThat(r.errorKind()).isEqualTo("scheduler_command");
            assertThat(r.sacct().error()).contains("Slurm accounting storage is disabled");
        } finally {
            fake.node().scenario().accountingDisabled(false);
        }
    }

    @Test
    void theQueriesAreTheQuotedSpecForms() throws Exception {
        String sid = sid();
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        lookup.lookup(fake.shell(), sid, at);
        assertThat(fake.node().commands()).contains("squeue -h --name='" + sid + "' -o '%i|%j|%T|%R'",
                "TZ=UTC sacct -n -X --name='" + sid + "' --starttime='2026-01-02T03:04:05' -o 'JobIDRaw,JobName,State,Reason' -P");
    }
}
