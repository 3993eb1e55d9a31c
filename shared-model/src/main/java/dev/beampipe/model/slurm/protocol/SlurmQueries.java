package dev.beampipe.model.slurm.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command lines sent to a login node, every format with {@code |} quoted (decision 6: the reference's
 * unquoted {@code -o %i|%T|%R} is a shell pipeline, 40-backends §4.8, §12.2).
 */
public final class SlurmQueries {
    public static final int CHUNK = 50;
    /** The commands the connectivity probe looks for (§4.10). */
    public static final List<String> REQUIRED_COMMANDS = List.of("sbatch", "squeue", "sacct", "scancel", "scontrol");

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private SlurmQueries() {
    }

    /** One {@code squeue} per chunk of {@value #CHUNK} ids. */
    public static List<String> squeueByIds(List<String> ids) {
        List<String> commands = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            commands.add("squeue -h --jobs=" + String.join(",", chunk) + " -o '%i|%T|%R'");
        }
        return commands;
    }

    /** Splits validated ids into chunks of {@value #CHUNK}. */
    public static List<List<String>> chunks(List<String> ids) {
        ids.forEach(SlurmQueries::requireJobId);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            chunks.add(List.copyOf(ids.subList(i, Math.min(ids.size(), i + CHUNK))));
        }
        return chunks;
    }

    /** For the ids squeue did not list (at most one chunk). */
    public static String sacctByIds(List<String> ids) {
        if (ids.isEmpty() || ids.size() > CHUNK) {
            throw new IllegalArgumentException("sacct takes 1.." + CHUNK + " job ids, got " + ids.size());
        }
        ids.forEach(SlurmQueries::requireJobId);
        return "sacct -j " + String.join(",", ids) + " --format=JobID,State,ExitCode -P -n";
    }

    public static String scancel(String jobId) {
        return "scancel -- " + requireJobId(jobId);
    }

    public static String squeueByName(String sid) {
        return "squeue -h --name='" + requireJobName(sid) + "' -o '%i|%j|%T|%R'";
    }

    /** {@code notBefore} is truncated to whole seconds and printed in UTC (the command sets {@code TZ=UTC}). */
    public static String sacctByName(String sid, Instant notBefore) {
        return "TZ=UTC sacct -n -X --name='" + requireJobName(sid) + "' --starttime='"
                + START.format(notBefore.truncatedTo(ChronoUnit.SECONDS)) + "' -o 'JobIDRaw,JobName,State,Reason' -P";
    }

    /** Prints {@code <command> yes|no} per required command (one exec instead of five). */
    public static String connectivityProbe() {
        return "for c in " + String.join(" ", REQUIRED_COMMANDS)
                + "; do if command -v \"$c\" >/dev/null 2>&1; then echo \"$c yes\"; else echo \"$c no\"; fi; done";
    }

    public static String sinfoVersion() {
        return "sinfo --version";
    }

    public static String queue() {
        return "squeue -h -u \"$USER\" -o '%T|%P'";
    }

    public static String capacity() {
        return "sinfo -h -o '%P|%D|%t'";
    }

    /**
     * {@code beampipe slurm ping} (§4.12): the first three lines of {@code squeue -u "$USER" -h}. The output is captured
     * before {@code head} so the exit status is squeue's, not head's (a pipeline's status is its last command's).
     */
    public static String pingSqueue() {
        return firstLines("squeue -u \"$USER\" -h");
    }

    /** As {@link #pingSqueue()}, for {@code sacct -u "$USER" --format=JobID,State --noheader}. */
    public static String pingSacct() {
        return firstLines("sacct -u \"$USER\" --format=JobID,State --noheader");
    }

    private static String firstLines(String command) {
        return "out=$(" + command + ") && { [ -z \"$out\" ] || printf '%s\\n' \"$out\" | head -3; }";
    }

    public static String requireJobId(String jobId) {
        if (jobId == null || !DIGITS.matcher(jobId).matches()) {
            throw new InvalidJobIdException("invalid Slurm job id " + quoteForMessage(jobId) + ": expected ASCII digits");
        }
        return jobId;
    }

    public static boolean validJobName(String sid) {
        return sid != null && JOB_NAME.matcher(sid).matches();
    }

    public static String requireJobName(String sid) {
        if (!validJobName(sid)) {
            throw new IllegalArgumentException("invalid Slurm job name " + quoteForMessage(sid)
                    + ": expected 1-128 characters of [A-Za-z0-9._-]");
        }
        return sid;
    }

    private static String quoteForMessage(String s) {
        if (s == null) {
            return "(none)";
        }
        String shown = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
