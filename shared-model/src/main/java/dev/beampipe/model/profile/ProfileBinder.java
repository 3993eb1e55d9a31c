package dev.beampipe.model.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** JSON tree → {@link DeploymentProfile}, strict like the reference (40-backends §1.1–1.4). */
public final class ProfileBinder {
    static final List<String> TOP = List.of("name", "description", "project_module", "is_default",
            "max_concurrent_executions", "translation", "deployment");
    static final List<String> TRANSLATION = List.of("algo", "num_par", "num_islands", "tm_url");
    static final List<String> REST = List.of("kind", "dim_host_for_tm", "dim_port_for_tm", "deploy_host", "deploy_port",
            "use_https", "verify_ssl");
    static final List<String> SLURM = List.of("kind", "login_node", "ssh_port", "remote_user", "ssh_credential", "account",
            "home_dir", "log_dir", "exec_prefix", "dlg_root", "venv", "modules", "facility", "job_duration_minutes",
            "num_nodes", "num_islands", "verbose_level", "max_threads", "all_nics", "zerorun", "sleepncopy",
            "check_with_session", "verify_ssl", "slurm_template", "resources", "manager_topology", "container_runtime",
            "environment_setup");
    static final List<String> RESOURCES = List.of("partition", "nodes", "tasks", "cpus_per_task", "memory",
            "wall_time_minutes", "constraint", "quality_of_service");
    static final List<String> TOPOLOGY = List.of("nodes", "islands", "co_host_dim");

    private ProfileBinder() {
    }

    public static DeploymentProfile bind(JsonNode document) {
        StrictObject top = new StrictObject(document, ".", "struct DeploymentProfile", TOP);
        String name = top.requiredString("name");
        if (!top.has("translation")) {
            throw new ProfileFormatException(".", "missing field `translation`");
        }
        if (!top.has("deployment")) {
            throw new ProfileFormatException(".", "missing field `deployment`");
        }
        return new DeploymentProfile(name, top.optionalString("description"), top.optionalString("project_module"),
                top.boolOr("is_default", false), top.optionalInteger("max_concurrent_executions"),
                translation(top.raw("translation")), deployment(top.raw("deployment")));
    }

    static Translation translation(JsonNode node) {
        StrictObject t = new StrictObject(node, "translation", "struct DaliugeTranslationConfig", TRANSLATION);
        String algo = t.stringOr("algo", "metis");
        if (!Translation.ALGORITHMS.contains(algo)) {
            throw new ProfileFormatException("translation.algo", "unknown variant `" + algo + "`, "
                    + StrictObject.expectedNames(Translation.ALGORITHMS));
        }
        return new Translation(algo, t.integerOr("num_par", 1), t.integerOr("num_islands", 0), t.optionalString("tm_url"));
    }

    static Deployment deployment(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ProfileFormatException("deployment", "invalid type: " + StrictObject.describe(node)
                    + ", expected internally tagged enum DeploymentConfig");
        }
        JsonNode kind = node.get("kind");
        if (kind == null) {
            throw new ProfileFormatException("deployment", "missing field `kind`");
        }
        String k = kind.isTextual() ? kind.asText() : String.valueOf(kind);
        return switch (k) {
            case RestRemoteDeployment.KIND -> rest(node);
            case SlurmRemoteDeployment.KIND -> slurm(node);
            default -> throw new ProfileFormatException("deployment.kind", "unknown variant `" + k + "`, "
                    + StrictObject.expectedNames(List.of(RestRemoteDeployment.KIND, SlurmRemoteDeployment.KIND)));
        };
    }

    static RestRemoteDeployment rest(JsonNode node) {
        StrictObject d = new StrictObject(node, "deployment", "struct RestRemoteDeploymentConfig", REST);
        return new RestRemoteDeployment(d.optionalString("dim_host_for_tm"),
                d.integerOrDefaultWhenAbsent("dim_port_for_tm", RestRemoteDeployment.DEFAULT_DIM_PORT),
                d.optionalString("deploy_host"),
                d.integerOrDefaultWhenAbsent("deploy_port", RestRemoteDeployment.DEFAULT_DIM_PORT),
                d.boolOr("use_https", false), d.boolOr("verify_ssl", true));
    }

    static SlurmRemoteDeployment slurm(JsonNode node) {
        StrictObject d = new StrictObject(node, "deployment", "struct SlurmRemoteDeploymentConfig", SLURM);
        SlurmRemoteDeployment.Resources resources = SlurmRemoteDeployment.Resources.EMPTY;
        if (d.has("resources")) {
            StrictObject r = new StrictObject(d.raw("resources"), "deployment.resources", "struct SlurmResources", RESOURCES);
            resources = new SlurmRemoteDeployment.Resources(r.optionalString("partition"), r.optionalInteger("nodes"),
                    r.optionalInteger("tasks"), r.optionalInteger("cpus_per_task"), r.optionalString("memory"),
                    r.optionalInteger("wall_time_minutes"), r.optionalString("constraint"), r.optionalString("quality_of_service"));
        }
        SlurmRemoteDeployment.ManagerTopology topology = SlurmRemoteDeployment.ManagerTopology.EMPTY;
        if (d.has("manager_topology")) {
            StrictObject m = new StrictObject(d.raw("manager_topology"), "deployment.manager_topology",
                    "struct ManagerTopology", TOPOLOGY);
            topology = new SlurmRemoteDeployment.ManagerTopology(m.optionalInteger("nodes"), m.optionalInteger("islands"),
                    m.boolOr("co_host_dim", false));
        }
        return new SlurmRemoteDeployment(d.requiredString("login_node"), d.integerOr("ssh_port", 22),
                d.optionalString("remote_user"), d.optionalString("ssh_credential"), d.requiredString("account"),
                d.requiredString("home_dir"), d.requiredString("log_dir"), d.stringOr("exec_prefix", "srun -l"),
                d.requiredString("dlg_root"), d.optionalString("venv"), d.optionalString("modules"),
                d.stringOr("facility", "setonix"), d.integerOr("job_duration_minutes", 30), d.integerOr("num_nodes", 1),
                d.integerOr("num_islands", 1), d.integerOr("verbose_level", 1), d.integerOr("max_threads", 0),
                d.boolOr("all_nics", false), d.boolOr("zerorun", false), d.boolOr("sleepncopy", false),
                d.boolOr("check_with_session", false), d.optionalBool("verify_ssl"), d.optionalString("slurm_template"),
                resources, topology, d.optionalString("container_runtime"), d.optionalString("environment_setup"));
    }
}
