package dev.beampipe.model.slurm.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsing of the status queries' output (40-backends §4.8, real formats §4.13). */
public final class StatusParsing {
    private static final String INVALID_ID = "invalid job id specified";

    private StatusParsing() {
    }

    /**
     * A non-zero squeue exit is tolerated only when stderr is non-blank and every non-blank line ends with
     * {@code invalid job id specified} (real Slurm says so, exit 1, when none of the listed ids is known).
     */
    public static boolean squeueErrorTolerated(int exit, String stderr) {
        if (exit == 0) {
            return true;
        }
        if (stderr == null || stderr.isBlank()) {
            return false;
        }
        return stderr.lines().filter(l -> !l.isBlank())
                .allMatch(l -> l.trim().toLowerCase(Locale.ROOT).endsWith(INVALID_ID));
    }

    /** Rows {@code id|state[|reason…]}; the first row of an id wins; lines without a state are skipped. */
    public static Map<String, JobObservation> parseSqueue(String stdout) {
        Map<String, JobObservation> out = new LinkedHashMap<>();
        for (String line : stdout.lines().toList()) {
            String[] f = line.split("\\|", -1);
            if (f.length < 2 || f[0].isBlank()) {
                continue;
            }
            String id = f[0].trim();
            String state = f[1].trim();
            String reasonField = f.length > 2 ? f[2].trim() : null;
            String raw = reasonField == null ? state : state + "|" + reasonField;
            out.putIfAbsent(id, new JobObservation(id, SlurmState.normalize(state), state, JobObservation.SQUEUE, raw,
                    null, reason(reasonField)));
        }
        return out;
    }

    /**
     * Rows {@code jobid|state[|exitcode]}: the allocation row (no {@code .}) is authoritative; step rows are used
     * only without one, then the highest-ranked step wins (ties keep the first). sacct rows carry no reason.
     */
    public static Map<String, JobObservation> parseSacct(String stdout) {
        Map<String, JobObservation> allocations = new LinkedHashMap<>();
        Map<String, JobObservation> steps = new LinkedHashMap<>();
        for (String line : stdout.lines().toList()) {
            String[] f = line.split("\\|", -1);
            if (f.length < 2 || f[0].isBlank()) {
                continue;
            }
            String fullId = f[0].trim();
            int dot = fullId.indexOf('.');
            String baseId = dot < 0 ? fullId : fullId.substring(0, dot);
            String rawState = f[1].trim();
            Integer exit = f.length > 2 ? exitCode(f[2]) : null;
            JobObservation o = new JobObservation(baseId, SlurmState.normalize(rawState), rawState, JobObservation.SACCT,
                    line.trim(), exit, null);
            if (dot < 0) {
                allocations.putIfAbsent(baseId, o);
            } else {
                JobObservation previous = steps.get(baseId);
                if (previous == null || o.state().rank() > previous.state().rank()) {
                    steps.put(baseId, o);
                }
            }
        }
        Map<String, JobObservation> out = new LinkedHashMap<>(allocations);
        steps.forEach(out::putIfAbsent);
        return out;
    }

    /** Per id: squeue, else sacct, else {@link JobObservation#unseen}. */
    public static Map<String, JobObservation> resolve(List<String> ids, Map<String, JobObservation> squeue,
                                                      Map<String, JobObservation> sacct) {
        Map<String, JobObservation> out = new LinkedHashMap<>();
        for (String id : ids) {
            JobObservation o = squeue.get(id);
            if (o == null) {
                o = sacct.get(id);
            }
            out.put(id, o == null ? JobObservation.unseen(id) : o);
        }
        return out;
    }

    /** Integer before {@code :} of {@code code:signal}; null when absent or not a number. */
    static Integer exitCode(String field) {
        String t = field.trim();
        int colon = t.indexOf(':');
        String code = colon < 0 ? t : t.substring(0, colon);
        try {
            return code.isEmpty() ? null : Integer.valueOf(code.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** squeue {@code %R}: parentheses stripped; empty or {@code None} → null. */
    static String reason(String field) {
        if (field == null) {
            return null;
        }
        String r = field.trim();
        if (r.length() >= 2 && r.startsWith("(") && r.endsWith(")")) {
            r = r.substring(1, r.length() - 1).trim();
        }
        return r.isEmpty() || r.equalsIgnoreCase("None") ? null : r;
    }
}
