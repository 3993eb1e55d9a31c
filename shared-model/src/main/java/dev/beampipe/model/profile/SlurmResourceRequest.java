package dev.beampipe.model.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** The effective Slurm request of a profile and its {@code #SBATCH} lines (40-backends §1.4, §4.10). */
public record SlurmResourceRequest(String account, long nodes, long islands, long wallTimeMinutes, String partition,
                                   String memory, String constraint, String qualityOfService, Long tasks,
                                   Long cpusPerTask, String containerRuntime) {

    public static SlurmResourceRequest of(SlurmRemoteDeployment d) {
        SlurmRemoteDeployment.Resources r = d.resources();
        return new SlurmResourceRequest(d.account(), d.effectiveNodes(), d.effectiveIslands(), d.effectiveWallTimeMinutes(),
                r.partition(), r.memory(), r.constraint(), r.qualityOfService(), r.tasks(), r.cpusPerTask(), d.containerRuntime());
    }

    /** {@code render_sbatch_directives}: account, nodes, time, then the optional ones when set. */
    public List<String> sbatchDirectives() {
        List<String> lines = new ArrayList<>();
        lines.add("#SBATCH --account=" + account);
        lines.add("#SBATCH --nodes=" + nodes);
        lines.add(String.format("#SBATCH --time=%02d:%02d:00", wallTimeMinutes / 60, wallTimeMinutes % 60));
        if (partition != null) {
            lines.add("#SBATCH --partition=" + partition);
        }
        if (memory != null) {
            lines.add("#SBATCH --mem=" + memory);
        }
        if (constraint != null) {
            lines.add("#SBATCH --constraint=" + constraint);
        }
        if (qualityOfService != null) {
            lines.add("#SBATCH --qos=" + qualityOfService);
        }
        if (tasks != null) {
            lines.add("#SBATCH --ntasks=" + tasks);
        }
        if (cpusPerTask != null) {
            lines.add("#SBATCH --cpus-per-task=" + cpusPerTask);
        }
        return lines;
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("account", account);
        o.put("nodes", nodes);
        o.put("islands", islands);
        o.put("wall_time_minutes", wallTimeMinutes);
        o.put("partition", partition);
        o.put("memory", memory);
        o.put("constraint", constraint);
        o.put("quality_of_service", qualityOfService);
        if (tasks == null) {
            o.putNull("tasks");
        } else {
            o.put("tasks", tasks);
        }
        if (cpusPerTask == null) {
            o.putNull("cpus_per_task");
        } else {
            o.put("cpus_per_task", cpusPerTask);
        }
        o.put("container_runtime", containerRuntime);
        return o;
    }
}
