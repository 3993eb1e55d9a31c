package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;
import dev.beampipe.model.slurm.CredentialSlots;

import java.nio.file.Path;

/** The files of one slot (40-backends §4.2): {@code <root>/<slot>/{private_key, private_key.pub, passphrase, known_hosts}}. */
public record SlotLayout(Path root, String slot) {
    public SlotLayout {
        if (!CredentialSlots.validName(slot)) {
            throw new CliException("invalid --slot '" + slot + "': " + CredentialSlots.INVALID_NAME);
        }
    }

    public Path dir() {
        return root.resolve(slot);
    }

    public Path privateKey() {
        return dir().resolve("private_key");
    }

    public Path publicKey() {
        return dir().resolve("private_key.pub");
    }

    public Path passphrase() {
        return dir().resolve("passphrase");
    }

    public Path knownHosts() {
        return dir().resolve("known_hosts");
    }

    /** The root's known_hosts, shared by every slot; {@code init} writes keyscan results here. */
    public Path sharedKnownHosts() {
        return root.resolve("known_hosts");
    }
}
