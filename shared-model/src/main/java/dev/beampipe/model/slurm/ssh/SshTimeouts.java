package dev.beampipe.model.slurm.ssh;

import java.time.Duration;
import java.util.Map;

/** Bounded TCP connect, bounded key exchange + authentication, and the session inactivity limit. */
public record SshTimeouts(Duration connect, Duration auth, Duration idle) {
    public static final String IDLE_ENV = "BEAMPIPE_SLURM_SSH_IDLE_SECONDS";

    public SshTimeouts {
        for (Duration d : new Duration[] {connect, auth, idle}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("SSH timeouts must be positive");
            }
        }
    }

    /** 15 s connect, 15 s authentication, 300 s idle. */
    public static SshTimeouts defaults() {
        return new SshTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(300));
    }

    /** The defaults with the idle limit from {@value #IDLE_ENV} (positive whole seconds) when set. */
    public static SshTimeouts fromEnv(Map<String, String> env) {
        SshTimeouts defaults = defaults();
        String raw = env.get(IDLE_ENV);
        if (raw == null || raw.isBlank()) {
            return defaults;
        }
        long seconds;
        try {
            seconds = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(IDLE_ENV + " must be a positive number of seconds (got '" + raw.trim() + "')");
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(IDLE_ENV + " must be a positive number of seconds (got " + seconds + ")");
        }
        return new SshTimeouts(defaults.connect(), defaults.auth(), Duration.ofSeconds(seconds));
    }
}
