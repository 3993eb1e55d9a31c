package dev.beampipe.model.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real cluster offers what the worker's Slurm path needs (40-backends §4.5, §4.7, §11): the login shell finds
 * the Slurm tools, the fake DALiuGE and wallaby_hires, DLG_ROOT is writable, and a named job submitted with
 * {@code sbatch --parsable} is visible by name and ends COMPLETED in sacct.
 */
@RequiresRealSlurm
class RealSlurmClusterTest {
    static final Duration SSH = Duration.ofSeconds(30);
    static RealSlurm cluster;

    @BeforeAll
    static void cluster() {
        cluster = RealSlurm.fromEnvironment().orElseThrow();
    }

    @Test
    void knownHostsHasTheBracketedLoopbackEntry() {
        assertThat(cluster.knownHostsLine()).startsWith("[" + cluster.host() + "]:" + cluster.port() + " ssh-ed25519 AAAA");
    }

    @Test
    void theLoginShellPassesTheWorkersPreflight() throws InterruptedException {
        String script = String.join("\n",
                "set -euo pipefail",
                "for c in sbatch squeue sacct scancel scontrol srun python3 wallaby_hires; do",
                "  command -v $c >/dev/null 2>&1 || { echo \"missing required command: $c\" >&2; exit 127; }",
                "done",
                "wallaby_hires --version >/dev/null",
                "test -d " + cluster.dlgRoot() + " && test -w " + cluster.dlgRoot(),
                "python3 -c 'import dlg.deploy.create_dlg_job; import wallaby_hires'",
                "sinfo --version");

        OpenSsh.Output out = cluster.openSsh().run("bash -lc '" + script.replace("'", "'\\''") + "'", SSH);

        assertThat(out.exit()).as(out.stderr()).isZero();
        assertThat(out.stdout().strip()).isEqualTo("slurm-wlm 22.05.8");
    }

    @Test
    void aNamedJobIsFoundByNameAndEndsCompletedInSacct() throws InterruptedException {
        String name = "rs-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(60);

        OpenSsh.Output receipt = cluster.openSsh().run("sbatch --parsable --job-name=" + name + " --account=" + cluster.account()
                + " --partition=" + cluster.partition() + " --output=/dev/null --wrap 'sleep 1'", SSH);

        assertThat(receipt.exit()).as(receipt.stderr()).isZero();
        assertThat(receipt.stdout()).matches("[0-9]+\n");
        String id = receipt.stdout().strip();
        OpenSsh.Output byName = cluster.openSsh().run("squeue -h -t all --name=" + name + " -o '%i|%j'", SSH);
        assertThat(byName.stdout().strip()).isEqualTo(id + "|" + name);

        String row = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < end; Thread.sleep(1000)) {
            row = cluster.openSsh().run("TZ=UTC sacct -n -X --name=" + name + " --starttime=" + before.toString().substring(0, 19)
                    + " -o 'JobIDRaw,JobName,State' -P", SSH).stdout().strip();
            if (row.endsWith("|COMPLETED")) {
                break;
            }
        }
        assertThat(row).isEqualTo(id + "|" + name + "|COMPLETED");
    }
}
