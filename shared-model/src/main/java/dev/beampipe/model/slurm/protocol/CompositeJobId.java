package dev.beampipe.model.slurm.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code <sid>:<slurm job id>|<session dir>} (40-backends §4.5 step 10); more than 512 chars → uncertain. */
public record CompositeJobId(String sessionId, String jobId, String sessionDir) {
    public static final int MAX_LENGTH = 512;
    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9._-]{1,128}):([0-9]+)(?:\\|(/.*))?", Pattern.DOTALL);

    public String encode() {
        return sessionId + ":" + jobId + (sessionDir == null ? "" : "|" + sessionDir);
    }

    public boolean fits() {
        return encode().length() <= MAX_LENGTH;
    }

    /** The session dir is optional; anything else malformed → empty. */
    public static Optional<CompositeJobId> parse(String s) {
        if (s == null || s.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new CompositeJobId(m.group(1), m.group(2), m.group(3)));
    }
}
