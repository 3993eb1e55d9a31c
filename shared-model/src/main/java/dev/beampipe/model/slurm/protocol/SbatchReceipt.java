package dev.beampipe.model.slurm.protocol;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code parse_sbatch_job_id} (40-backends §4.6). */
public final class SbatchReceipt {
    private static final Pattern CANDIDATE = Pattern.compile("([0-9]+)(?:;[A-Za-z0-9._-]+)?");

    private SbatchReceipt() {
    }

    /** Exactly one line of {@code digits} or {@code digits;cluster} → the digits; banner lines are ignored. */
    public static String parseJobId(String stdout) throws InvalidReceiptException {
        List<String> lines = stdout.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        List<String> ids = lines.stream().map(CANDIDATE::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        if (ids.isEmpty()) {
            throw new InvalidReceiptException("sbatch --parsable returned no valid numeric job ID", lines.size());
        }
        if (ids.size() > 1) {
            throw new InvalidReceiptException("sbatch --parsable returned multiple possible job IDs", lines.size());
        }
        return ids.get(0);
    }

    /** The uncertain-submission text for a receipt that could not be read after exit 0. */
    public static String uncertainMessage(InvalidReceiptException e) {
        return "sbatch exited successfully, but its submission receipt was invalid: " + e.getMessage()
                + "; non_empty_lines=" + e.nonEmptyLines();
    }
}
