package dev.beampipe.simulators.slurm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** Faults at the SSH level, each applying to exec'd commands whose full text matches a regex (find). */
final class SshFaults {

    enum Kind {
        /** run the command, send its output, never send an exit status (the channel stays open) */
        NO_EXIT_STATUS,
        /** drop the connection right after reading the command, without running it */
        DROP_BEFORE_RUN,
        /** run the command to its end, then drop the connection before the exit status (sbatch ran, the job exists) */
        DROP_AFTER_RUN,
        /** wait before running the command */
        DELAY
    }

    record Fault(Kind kind, Pattern pattern, Duration delay) {
    }

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    void add(Kind kind, String regex, Duration delay) {
        faults.add(new Fault(kind, Pattern.compile(regex), delay));
    }

    void clear() {
        faults.clear();
    }

    Fault first(Kind kind, String command) {
        for (Fault f : faults) {
            if (f.kind() == kind && f.pattern().matcher(command).find()) {
                return f;
            }
        }
        return null;
    }

    List<Fault> all() {
        return List.copyOf(faults);
    }
}
