package dev.beampipe.cli.slurm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.OperatorEnvironment;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.slurm.ssh.KeySource;
import dev.beampipe.model.slurm.ssh.SshCredentials;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code slurm credentials check}: resolves the slot as the services do (permissions, passphrase, known_hosts) and
 * loads — decrypts — the private key; with {@code --profile} it then runs {@code slurm ping} for that profile.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Load (decrypt) a slot's key; with --profile also ping the login node.")
public class CredentialsCheckCommand implements Callable<Integer> {
    @Mixin
    SlotOptions slot;
    @Option(names = "--profile", paramLabel = "NAME", description = "Also run 'slurm ping --profile NAME'.")
    String profile;

    @ParentCommand
    CredentialsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> env = new HashMap<>(parent.env());
        SlotLayout layout = slot.existing(parent);
        env.put("BEAMPIPE_SSH_CREDENTIALS_DIR", layout.root().toString());
        SshCredentials credentials = LoginNode.credentials(env, layout.slot());
        KeyPair key = load(credentials);

        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ok", true);
        o.put("slot", layout.slot());
        o.put("private_key", credentials.key().describe());
        o.put("passphrase", credentials.passphrase().isPresent());
        o.put("known_hosts", credentials.knownHostsDisplay());
        o.put("public_key_fingerprint", KeyUtils.getFingerPrint(key.getPublic()));
        if (profile != null) {
            OperatorEnvironment environment = new OperatorEnvironment(env);
            SlurmRemoteDeployment slurm = SlurmProfiles.slurm(SlurmProfiles.named(environment, profile));
            if (!layout.slot().equals(slurm.sshCredential())) {
                throw new CliException("deployment profile '" + profile + "' uses credential slot '" + slurm.sshCredential()
                        + "', not '" + layout.slot() + "'");
            }
            o.set("ping", SlurmPingCommand.ping(PingTarget.ofProfile(slurm, null, env), environment));
        }
        CommandOutput.json(spec, o);
        return 0;
    }

    /** The decrypted key pair; a wrong or missing passphrase is an error that names neither key nor passphrase. */
    static KeyPair load(SshCredentials credentials) {
        FilePasswordProvider passwords = credentials.passphrase()
                .map(p -> FilePasswordProvider.of(new String(p.value())))
                .orElse(FilePasswordProvider.EMPTY);
        try (InputStream in = open(credentials.key())) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("slot"), in, passwords);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw new CliException("the " + credentials.key().describe() + " holds no private key");
            }
            return it.next();
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            throw new CliException("cannot load the " + credentials.key().describe() + ": "
                    + (credentials.passphrase().isPresent() ? "wrong passphrase or unsupported key format"
                    : "the key is encrypted (add a passphrase file) or its format is not supported"));
        }
    }

    private static InputStream open(KeySource key) throws java.io.IOException {
        if (key instanceof KeySource.KeyFile f) {
            return Files.newInputStream(f.path());
        }
        return new ByteArrayInputStream(((KeySource.Inline) key).text().getBytes(StandardCharsets.UTF_8));
    }
}
