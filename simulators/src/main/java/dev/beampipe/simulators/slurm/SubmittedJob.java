package dev.beampipe.simulators.slurm;

import java.util.List;
import java.util.Map;

/**
 * One job as the fake {@code sbatch} received it (command line merged over the script's {@code #SBATCH} lines),
 * with its state now. {@code exported} holds the values of the {@code --export} names in the submitting shell.
 */
public record SubmittedJob(String id, String name, String account, String partition, String time, String nodes,
                           String mem, String constraint, String qos, String ntasks, String cpusPerTask,
                           String export, Map<String, String> exported, String output, String error,
                           String script, List<String> argv, String cwd, String user, String state,
                           boolean finished) {

    @SuppressWarnings("unchecked")
    static SubmittedJob fromJson(Map<String, Object> m) {
        Map<String, String> exported = new java.util.LinkedHashMap<>();
        Object e = m.get("exported");
        if (e instanceof Map<?, ?> map) {
            map.forEach((k, v) -> exported.put(k.toString(), v == null ? null : v.toString()));
        }
        List<String> argv = ((List<Object>) m.getOrDefault("argv", List.of())).stream().map(Object::toString).toList();
        return new SubmittedJob(s(m, "id"), s(m, "name"), s(m, "account"), s(m, "partition"), s(m, "time"),
                s(m, "nodes"), s(m, "mem"), s(m, "constraint"), s(m, "qos"), s(m, "ntasks"), s(m, "cpus_per_task"),
                s(m, "export"), java.util.Collections.unmodifiableMap(exported), s(m, "output"), s(m, "error"),
                s(m, "script"), argv, s(m, "cwd"), s(m, "user"), s(m, "state"), Boolean.TRUE.equals(m.get("finished")));
    }

    private static String s(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }
}
