package dev.beampipe.model.slurm.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ssh.CommandResult;
import dev.beampipe.model.slurm.ssh.RemoteShell;
import dev.beampipe.model.slurm.ssh.SshConnector;
import dev.beampipe.model.slurm.ssh.SshCredentialResolver;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import dev.beampipe.model.slurm.ssh.SshFailure;
import dev.beampipe.model.slurm.ssh.SshTarget;
import dev.beampipe.model.slurm.ssh.SshTimeouts;
import dev.beampipe.simulators.slurm.FakeLoginNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A fake login node, a real MINA client with a real ed25519 key and strict known_hosts, and a profile for it. */
public final class FakeNodeFixture implements AutoCloseable {
    public static final String SLOT = "fake-node";
    public final FakeLoginNode node;
    public final SshConnector connector;
    public final SshCredentials creds;
    public final SshTarget target;
    public final Map<String, String> env;
    public final Path dlgRoot;

    public FakeNodeFixture(Path dir) throws IOException, InterruptedException, SshFailure {
        node = FakeLoginNode.start(FakeLoginNode.Options.in(dir.resolve("node")));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Path key = keys.resolve("id_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ops-test", "-f", key.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
        node.authorize(Files.readString(keys.resolve("id_ed25519.pub")).trim());
        Path knownHosts = Files.writeString(keys.resolve("known_hosts"), node.knownHostsLine() + "\n");
        env = new HashMap<>();
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", Files.createDirectories(dir.resolve("cred-root")).toString());
        env.put("SLURM_SSH_PRIVATE_KEY_PATH_FAKE_NODE", key.toString());
        env.put("SLURM_SSH_KNOWN_HOSTS_FAKE_NODE", knownHosts.toString());
        env.put("BEAMPIPE_SLURM_SSH_STRICT_KNOWN_HOSTS", "true");
        creds = new SshCredentialResolver(env).resolve(SLOT);
        target = new SshTarget(node.host(), node.port(), "beampipe", SLOT);
        connector = new SshConnector(SshTimeouts.defaults());
        dlgRoot = Files.createDirectories(node.home().resolve("dlg"));
        Files.writeString(node.home().resolve("job.sh"), "#!/bin/bash --login\n#SBATCH --nodes=1\necho hi\n");
    }

    public RemoteShell open() throws SshFailure, InterruptedException {
        return connector.open(target, creds);
    }

    public SlurmRemoteDeployment profile(Consumer<ObjectNode> edit) {
        ObjectNode doc = profileDocument(edit);
        return (SlurmRemoteDeployment) ProfileBinder.bind(doc).deployment();
    }

    /** The whole profile document (what an execution pins as its snapshot). */
    public ObjectNode profileDocument(Consumer<ObjectNode> edit) {
        try {
            ObjectNode doc = (ObjectNode) new ObjectMapper().readTree("""
                    {"name":"fake","translation":{},"deployment":{"kind":"slurm_remote","login_node":"%s","ssh_port":%d,
                     "remote_user":"beampipe","ssh_credential":"%s","account":"acct","home_dir":"%s","log_dir":"%s/log",
                     "dlg_root":"%s","job_duration_minutes":10}}"""
                    .formatted(node.host(), node.port(), SLOT, node.home(), dlgRoot, dlgRoot));
            edit.accept((ObjectNode) doc.get("deployment"));
            return doc;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain sbatch of {@code job.sh} with job name {@code name}; returns the job id. */
    public String sbatch(RemoteShell shell, String name) throws SshFailure, InterruptedException {
        String cmd = "sbatch --parsable --job-name=" + name + " --account=acct --time=00:10:00 " + node.home().resolve("job.sh");
        CommandResult r = shell.exec(cmd, Duration.ofSeconds(30)).requireOk(cmd);
        return r.stdout().trim();
    }

    @Override
    public void close() {
        connector.close();
        node.close();
    }
}
