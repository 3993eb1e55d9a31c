package dev.beampipe.model.slurm.protocol;

/** One job found by name; {@code state} normalised (decision 6), {@code rawState} the first token as printed. */
public record NameLookupRow(String jobId, String name, SlurmState state, String rawState, String reason) {
}
