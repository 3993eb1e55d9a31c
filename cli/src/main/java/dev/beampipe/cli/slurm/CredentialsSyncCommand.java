package dev.beampipe.cli.slurm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.model.slurm.CredentialSlot;
import dev.beampipe.model.slurm.CredentialSlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code slurm credentials sync}: the local-mode counterpart of the reference's Compose probe. It checks that the
 * services, given this environment, read the same credential root as these commands, and that the slot's files are
 * readable by this process (the services run as the same user in local mode; on Kubernetes the Secret volume is
 * checked by the worker's preflight instead).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Check that the services see this credential root and can read the slot's files.")
public class CredentialsSyncCommand implements Callable<Integer> {
    @Mixin
    SlotOptions slot;

    @ParentCommand
    CredentialsCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SlotLayout layout = slot.existing(parent);
        Path root = layout.root();
        Path servicesRoot = CredentialRoot.services(parent.env());
        boolean rootMatches = root.toAbsolutePath().normalize().equals(servicesRoot.toAbsolutePath().normalize());
        boolean keyReadable = Files.isReadable(layout.privateKey());
        boolean passphraseReadable = !SlotFiles.present(layout.passphrase()) || Files.isReadable(layout.passphrase());
        boolean knownHostsReadable = Files.isReadable(layout.knownHosts()) || Files.isReadable(layout.sharedKnownHosts());

        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("root", root.toString());
        o.put("services_root", servicesRoot.toString());
        o.put("slot", layout.slot());
        ArrayNode configured = o.putArray("configured_slots");
        new CredentialSlots(servicesRoot).list().stream().map(CredentialSlot::name).forEach(configured::add);
        o.put("bind_source_matches", rootMatches);
        o.put("private_key_readable", keyReadable);
        o.put("passphrase_readable", passphraseReadable);
        o.put("known_hosts_readable", knownHostsReadable);
        String message = !rootMatches
                ? "the services read " + servicesRoot + "; set BEAMPIPE_SSH_CREDENTIALS_DIR=" + root + " for api-service, scheduler-service and worker-service"
                : keyReadable && passphraseReadable && knownHostsReadable ? "slot '" + layout.slot() + "' is readable where the services look for it"
                : "slot '" + layout.slot() + "' is not fully readable; check the owner and modes (or --acl for uid 10001)";
        o.put("message", message);
        CommandOutput.json(spec, o);
        if (!rootMatches || !keyReadable || !passphraseReadable || !knownHostsReadable) {
            throw new CliException(message);
        }
        return 0;
    }
}
