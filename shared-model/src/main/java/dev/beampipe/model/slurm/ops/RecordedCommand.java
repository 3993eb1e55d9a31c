package dev.beampipe.model.slurm.ops;

/** One step of a submission and its command line (uploads: {@code upload <path>}); dry runs record them too. */
public record RecordedCommand(String step, String command) {
}
