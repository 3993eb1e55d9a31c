package dev.beampipe.api.scheduler;

import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment the SSH credential resolver reads (40-backends §4.2), as the API process sees it: the process
 * environment, overlaid with the {@code BEAMPIPE_*}, {@code SLURM_*} and {@code SSH_KEY_PASSPHRASE} config properties
 * (tests set those as config overrides).
 */
public final class SlurmEnvironment {
    private SlurmEnvironment() {
    }

    public static Map<String, String> from(Config config) {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("BEAMPIPE_") || name.startsWith("SLURM_") || name.equals("SSH_KEY_PASSPHRASE")) {
                String raw = config.getConfigValue(name).getRawValue();
                if (raw != null) {
                    env.put(name, raw);
                }
            }
        }
        return env;
    }
}
