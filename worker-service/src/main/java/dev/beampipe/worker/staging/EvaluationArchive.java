package dev.beampipe.worker.staging;

/** The calibration evaluation archive of one SBID: its file name and the DataLink URL that stages it. */
public record EvaluationArchive(String sbid, String file, String accessUrl) {
}
