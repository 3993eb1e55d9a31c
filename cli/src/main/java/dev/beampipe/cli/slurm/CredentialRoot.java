package dev.beampipe.cli.slurm;

import dev.beampipe.model.slurm.CredentialSlots;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the {@code slurm credentials} commands keep slots (50-operations §1.6): {@code --dir} →
 * {@code BEAMPIPE_SSH_CREDENTIALS_DIR} → {@code $BEAMPIPE_HOME/credentials/ssh} → {@code $HOME/beampipe/credentials/ssh}
 * → {@code /run/beampipe/ssh}. The services resolve their root differently (40-backends §4.2, {@link #services}); an
 * installation makes both agree by setting {@code BEAMPIPE_SSH_CREDENTIALS_DIR}.
 */
public final class CredentialRoot {
    static final Path RUN_DIR = Path.of("/run/beampipe/ssh");

    private CredentialRoot() {
    }

    public static Path forCommands(String dirFlag, Map<String, String> env) {
        if (present(dirFlag)) {
            return Path.of(dirFlag.trim());
        }
        if (present(env.get("BEAMPIPE_SSH_CREDENTIALS_DIR"))) {
            return Path.of(env.get("BEAMPIPE_SSH_CREDENTIALS_DIR").trim());
        }
        if (present(env.get("BEAMPIPE_HOME"))) {
            return Path.of(env.get("BEAMPIPE_HOME").trim(), "credentials", "ssh");
        }
        if (present(env.get("HOME"))) {
            return Path.of(env.get("HOME").trim(), "beampipe", "credentials", "ssh");
        }
        return RUN_DIR;
    }

    /** The root api-service, scheduler-service and worker-service read with this environment. */
    public static Path services(Map<String, String> env) {
        return CredentialSlots.root(env);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
