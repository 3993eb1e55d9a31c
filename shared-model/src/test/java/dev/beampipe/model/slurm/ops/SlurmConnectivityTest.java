package dev.beampipe.model.slurm.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** §4.7, §4.10, §4.12 against the fake login node. */
class SlurmConnectivityTest {
    @RegisterExtension
    static final FakeNodeExtension fake = new FakeNodeExtension();
    final SlurmConnectivity connectivity = new SlurmConnectivity();

    @Test
    void statusQueueCapacityAndPing() throws Exception {
        ObjectNode status = connectivity.status(fake.shell());
        assertThat(status.get("commands").toString())
                .isEqualTo("{\"sbatch\":true,\"squeue\":true,\"sacct\":true,\"scancel\":true,\"scontrol\":true}");
        assertThat(status.get("sinfo_version").asText()).isEqualTo("slurm-wlm 22.05.8");
        assertThat(connectivity.queue(fake.shell()).has("counts")).isTrue();
        ObjectNode capacity = connectivity.capacity(fake.shell());
        assertThat(capacity.get("partitions").toString()).isEqualTo("[\"debug\"]");
        assertThat(capacity.get("total_nodes").asLong()).isPositive();
        ObjectNode ping = connectivity.ping(fake.shell());
        assertThat(ping.get("target").asText()).isEqualTo("beampipe@127.0.0.1");
        assertThat(ping.get("transport").asText()).isEqualTo("mina-sshd");
        assertThat(ping.has("squeue_stdout") && ping.has("sacct_stdout")).isTrue();
    }

    @Test
    void preflightPassesOnAGoodNode() {
        assertThatCode(() -> connectivity.preflight(fake.fx().connector, fake.fx().target, fake.fx().creds, fake.fx().profile(o -> { }), Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void preflightNamesTheMissingSharedRoot() {
        assertThatThrownBy(() -> connectivity.preflight(fake.shell(), fake.fx().profile(o -> o.put("dlg_root", fake.dir() + "/no-such-root")), Map.of()))
                .isInstanceOf(SlurmCommandException.class)
                .hasMessageStartingWith("Slurm runtime preflight failed on 127.0.0.1 (beampipe@127.0.0.1): ")
                .hasMessageContaining("DLG_ROOT is not a writable directory")
                .hasMessageEndingWith(". Check the profile runtime, shared root, and ASKAPsoft image before submit.");
    }

    @Test
    void preflightChecksTheSifFileWhenTheProfileUsesIt() {
        var d = fake.fx().profile(o -> o.put("environment_setup", "export BEAMPIPE_ASKAPSOFT_SIF=\"$BEAMPIPE_ASKAPSOFT_SIF\""));
        assertThatThrownBy(() -> connectivity.preflight(fake.shell(), d, Map.of()))
                .isInstanceOf(SlurmCommandException.class)
                .hasMessage("deployment.environment_setup requires non-empty BEAMPIPE_ASKAPSOFT_SIF");
        assertThatThrownBy(() -> connectivity.preflight(fake.shell(), d, Map.of("BEAMPIPE_ASKAPSOFT_SIF", fake.dir() + "/missing.sif")))
                .isInstanceOf(SlurmCommandException.class)
                .hasMessageContaining("BEAMPIPE_ASKAPSOFT_SIF is not a readable regular file");
    }

    @Test
    void anUnreachableNodeHasTheReferenceText() {
        SshTarget nowhere = new SshTarget("127.0.0.1", 1, "beampipe", FakeNodeFixture.SLOT);
        assertThatThrownBy(() -> connectivity.preflight(fake.fx().connector, nowhere, fake.fx().creds, fake.fx().profile(o -> { }), Map.of()))
                .isInstanceOf(SlurmCommandException.class)
                .hasMessageStartingWith("Slurm login node 127.0.0.1 (beampipe@127.0.0.1) unreachable: ")
                .hasMessageEndingWith(". Check VPN/SSH before submit.")
                .satisfies(e -> assertThat(((SlurmCommandException) e).sshFailure())
                        .hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(SshFailure.Kind.CONNECT)));
    }
}
