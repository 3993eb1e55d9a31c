package dev.beampipe.model.slurm.protocol;

/**
 * What one status query saw of one job. {@code source} is {@code squeue}, {@code sacct} or {@code none};
 * {@code exitCode} only from sacct; {@code reason} only from squeue {@code %R} with its parentheses stripped.
 */
public record JobObservation(String jobId, SlurmState state, String rawState, String source, String rawLine,
                             Integer exitCode, String reason) {
    public static final String SQUEUE = "squeue";
    public static final String SACCT = "sacct";
    public static final String NONE = "none";

    /** In neither squeue nor sacct. */
    public static JobObservation unseen(String jobId) {
        return new JobObservation(jobId, SlurmState.UNKNOWN, "", NONE, "", null, null);
    }
}
