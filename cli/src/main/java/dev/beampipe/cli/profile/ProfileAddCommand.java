package dev.beampipe.cli.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.cli.output.Output;
import dev.beampipe.cli.slurm.CredentialRoot;
import dev.beampipe.cli.slurm.Prompter;
import dev.beampipe.cli.slurm.SlotImport;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileFormatException;
import dev.beampipe.model.profile.ProfileRows;
import dev.beampipe.model.profile.ProfileStore;
import dev.beampipe.model.profile.ProfileValidator;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.profile.StoredProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code beampipe profile add -f FILE [--ssh-slot SLOT [--ssh-private-key PATH …]]}: validate, optionally assign a
 * credential slot ({@code deployment.ssh_credential}) and import a key into it, then upsert by name — identical
 * content is a no-op, changed content a new revision. The profile is validated and the database opened and read
 * before any key file is written.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add or update a deployment profile from YAML/JSON.")
public class ProfileAddCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, description = "deployment profile (YAML or JSON)")
    Path file;
    @Option(names = "--ssh-slot", paramLabel = "SLOT", description = "Set deployment.ssh_credential (slurm_remote profiles).")
    String sshSlot;
    @Option(names = "--ssh-private-key", paramLabel = "PATH", description = "Import this key into the slot (needs --ssh-slot).")
    Path sshPrivateKey;
    @Option(names = "--ssh-public-key", paramLabel = "PATH", description = "Its public key (default <key>.pub).")
    Path sshPublicKey;
    @Option(names = "--ssh-known-hosts", paramLabel = "PATH", description = "known_hosts for the slot (else the login node is scanned).")
    Path sshKnownHosts;
    @Option(names = "--ssh-passphrase-file", paramLabel = "PATH", description = "The key's passphrase file.")
    Path sshPassphraseFile;
    @Option(names = "--ssh-acl", description = "Grant the container uid 10001 read access with setfacl.")
    boolean sshAcl;
    @Option(names = "--accept-host-key", description = "Trust the scanned host key without asking.")
    boolean acceptHostKey;
    @Option(names = "--force", description = "Replace an existing slot.")
    boolean force;

    @ParentCommand
    ProfileCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        checkFlags();
        JsonNode document = Output.document(file);
        if (sshSlot != null) {
            if (!(document.path("deployment") instanceof ObjectNode deployment)
                    || !SlurmRemoteDeployment.KIND.equals(deployment.path("kind").asText())) {
                throw new CliException("--ssh-slot needs a slurm_remote deployment profile");
            }
            deployment.put("ssh_credential", sshSlot);
        }
        DeploymentProfile profile;
        try {
            profile = ProfileBinder.bind(document);
        } catch (ProfileFormatException e) {
            throw new CliException(file + ": " + e.path() + ": " + e.getMessage());
        }
        ProfileValidator.validate(profile).ifPresent(message -> {
            throw new CliException(file + ": " + message);
        });
        PrintWriter err = spec.commandLine().getErr();
        // the database is opened and read before the slot is written: an unreachable database leaves no key behind
        try (Database db = parent.environment.openDatabase()) {
            ProfileStore store = new ProfileStore(db, StableJson::sha256);
            Optional<StoredProfile> existing = store.byName(profile.name());
            if (sshPrivateKey != null) {
                importKey((SlurmRemoteDeployment) profile.deployment(), err);
            }
            StoredProfile stored;
            if (existing.isEmpty()) {
                stored = store.create(profile);
                err.println("created deployment profile '" + profile.name() + "' (revision 1)");
            } else if (existing.get().specSha256() != null && existing.get().specSha256().equals(store.specSha256(profile))) {
                stored = existing.get();
                err.println("deployment profile '" + profile.name() + "' is unchanged (revision " + stored.revision() + ")");
            } else {
                stored = store.update(existing.get().id(), profile).orElseThrow();
                err.println("updated deployment profile '" + profile.name() + "' (revision " + stored.revision() + ")");
            }
            err.flush();
            CommandOutput.json(spec, ProfileRows.toJson(stored));
        } catch (dev.beampipe.model.profile.ProfileConflictException e) {
            throw new CliException(e.getMessage());
        }
        return 0;
    }

    private void importKey(SlurmRemoteDeployment slurm, PrintWriter err) {
        Path root = CredentialRoot.forCommands(null, parent.environment.env());
        SlotImport.Imported imported = new SlotImport(root, sshSlot, sshPrivateKey, sshPublicKey, sshKnownHosts, sshPassphraseFile,
                sshKnownHosts == null ? slurm.loginNode() : null, (int) slurm.sshPort(), sshAcl, force, acceptHostKey)
                .run(parent.environment.env(), Prompter.console(), err);
        err.println("Imported SSH credential slot '" + sshSlot + "' into " + imported.layout().dir());
    }

    private void checkFlags() {
        if (sshPrivateKey != null && sshSlot == null) {
            throw new CliException("--ssh-private-key needs --ssh-slot");
        }
        if (sshPrivateKey == null && (sshPublicKey != null || sshKnownHosts != null || sshPassphraseFile != null || sshAcl
                || acceptHostKey || force)) {
            throw new CliException("--ssh-public-key, --ssh-known-hosts, --ssh-passphrase-file, --ssh-acl, --accept-host-key "
                    + "and --force need --ssh-private-key");
        }
    }
}
