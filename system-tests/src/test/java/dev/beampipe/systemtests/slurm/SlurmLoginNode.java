package dev.beampipe.systemtests.slurm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.testing.OpenSsh;
import dev.beampipe.model.testing.RealSlurm;
import dev.beampipe.simulators.slurm.FakeLoginNode;
import dev.beampipe.simulators.slurm.SubmittedJob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Slurm login node a system test drives the worker against — the real one-node cluster
 * (scripts/slurm-cluster) or the in-process fake login node — with the worker's credential slot for it and an
 * OpenSSH view of it that does not go through the code under test.
 *
 * @param coordinates where it is and what a profile needs (for the fake: its port, its generated key, its paths)
 * @param fake        the fake node, or empty for the real cluster
 */
public record SlurmLoginNode(String label, String slot, RealSlurm coordinates, Optional<FakeLoginNode> fake)
        implements AutoCloseable {
    static final Duration SSH = Duration.ofSeconds(30);

    public static SlurmLoginNode real(RealSlurm cluster) {
        return new SlurmLoginNode("real Slurm", "real-slurm", cluster, Optional.empty());
    }

    /** Starts a fake login node in a new directory under {@code parent} that accepts a fresh ed25519 client key. */
    public static SlurmLoginNode fake(Path parent) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(parent), "fake-login-node");
            Path key = dir.resolve("id_ed25519");
            Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "slurm-crash-it",
                    "-f", key.toString()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).start();
            if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen failed: " + new String(keygen.getInputStream().readAllBytes()));
            }
            FakeLoginNode node = FakeLoginNode.start(FakeLoginNode.Options.in(dir.resolve("node")));
            node.authorize(Files.readString(dir.resolve("id_ed25519.pub")));
            Path knownHosts = Files.writeString(dir.resolve("known_hosts"), node.knownHostsLine() + "\n");
            Path home = node.home();
            Files.createDirectories(home.resolve("dlg"));
            RealSlurm coordinates = new RealSlurm(node.host(), node.port(), "beampipe", key, knownHosts,
                    home.resolve("dlg").toString(), "science", "debug", home.toString(), home.resolve("dlg-logs").toString());
            return new SlurmLoginNode("fake login node", "fake-node", coordinates, Optional.of(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code slurm_remote} profile for this node, translating with the TM at {@code tm}, plus {@code environmentSetup}. */
    public ObjectNode profile(String name, URI tm, String environmentSetup) {
        ObjectNode doc = coordinates.profileJson(name, slot);
        doc.with("translation").put("tm_url", tm.toString()).put("num_islands", 1);
        ((ObjectNode) doc.get("deployment")).put("environment_setup", environmentSetup);
        return doc;
    }

    public Map<String, String> workerEnv() {
        return coordinates.workerEnv(slot);
    }

    public OpenSsh ssh() {
        return coordinates.openSsh();
    }

    /** Job ids {@code squeue -t all --name=<name>} lists (finished ones too, until MinJobAge). */
    public List<String> squeueIdsNamed(String name) throws InterruptedException {
        return lines(ssh().ok("squeue -h -t all --name=" + name + " -o '%i|%j'", SSH)).stream()
                .map(l -> l.split("\\|", -1)).filter(f -> f.length == 2 && f[1].equals(name)).map(f -> f[0]).toList();
    }

    /** {@code JobIDRaw|JobName|State} allocation rows of accounting for {@code name} since {@code since}. */
    public List<String> sacctRowsNamed(String name, Instant since) throws InterruptedException {
        String start = since.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "");
        return lines(ssh().ok("TZ=UTC sacct -n -X --name=" + name + " --starttime=" + start
                + " -o 'JobIDRaw,JobName,State' -P", SSH));
    }

    /** For the fake: every job its sbatch accepted under {@code name}. */
    public List<String> fakeJobIdsNamed(String name) {
        return fake.map(f -> f.jobs().stream().filter(j -> name.equals(j.name())).map(SubmittedJob::id).toList())
                .orElse(List.of());
    }

    @Override
    public void close() {
        fake.ifPresent(FakeLoginNode::close);
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
