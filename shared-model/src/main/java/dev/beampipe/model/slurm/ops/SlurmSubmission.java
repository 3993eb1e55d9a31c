package dev.beampipe.model.slurm.ops;

import java.time.Instant;
import java.util.List;

/** The receipt of a Slurm submission (40-backends §4.6 "Result"). */
public record SlurmSubmission(String jobId, String sessionDir, String stagingRoot, String compositeId,
                              Instant submittedAt, List<RecordedCommand> commands, String jobScriptPath) {
    public SlurmSubmission {
        commands = List.copyOf(commands);
    }
}
