package dev.beampipe.cli.slurm;

import dev.beampipe.cli.CliException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code --acl}: lets the container user 10001 read a slot without widening its modes: {@code u:10001:rx} on the root
 * and the slot directory, {@code u:10001:r} on the private key and passphrase. {@code ls -l} then shows 0640 (the
 * ACL mask); leave it.
 */
public final class SlotAcl {
    static final String CONTAINER_UID = "10001";

    private SlotAcl() {
    }

    /** Fails before anything is written when setfacl is missing. */
    public static ExternalProgram require(Map<String, String> env) {
        return ExternalProgram.require("setfacl", env, "--acl needs the acl package, e.g. apt-get install acl");
    }

    public static void apply(ExternalProgram setfacl, SlotLayout slot) {
        run(setfacl, "u:" + CONTAINER_UID + ":rx", slot.root());
        run(setfacl, "u:" + CONTAINER_UID + ":rx", slot.dir());
        run(setfacl, "u:" + CONTAINER_UID + ":r", slot.privateKey());
        if (SlotFiles.present(slot.passphrase())) {
            run(setfacl, "u:" + CONTAINER_UID + ":r", slot.passphrase());
        }
    }

    private static void run(ExternalProgram setfacl, String entry, Path path) {
        ExternalProgram.Result r = setfacl.run(List.of("-m", entry, path.toString()), Duration.ofSeconds(10));
        if (r.exit() != 0) {
            throw new CliException("setfacl -m " + entry + " " + path + " failed (exit " + r.exit() + "): " + r.stderr().strip());
        }
    }
}
