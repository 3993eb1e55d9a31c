package dev.beampipe.model.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The normalized serialization that is stored and hashed: defaults filled in, unset options omitted,
 * fields in the reference's declaration order.
 */
public final class ProfileJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ProfileJson() {
    }

    public static ObjectNode translation(Translation t) {
        ObjectNode o = F.objectNode().put("algo", t.algo()).put("num_par", t.numPar()).put("num_islands", t.numIslands());
        putIfSet(o, "tm_url", t.tmUrl());
        return o;
    }

    public static ObjectNode deployment(Deployment d) {
        ObjectNode o = F.objectNode().put("kind", d.kind());
        if (d instanceof RestRemoteDeployment r) {
            putIfSet(o, "dim_host_for_tm", r.dimHostForTm());
            putOrNull(o, "dim_port_for_tm", r.dimPortForTm());
            putIfSet(o, "deploy_host", r.deployHost());
            putOrNull(o, "deploy_port", r.deployPort());
            return o.put("use_https", r.useHttps()).put("verify_ssl", r.verifySsl());
        }
        SlurmRemoteDeployment s = (SlurmRemoteDeployment) d;
        o.put("login_node", s.loginNode()).put("ssh_port", s.sshPort());
        putIfSet(o, "remote_user", s.remoteUser());
        putIfSet(o, "ssh_credential", s.sshCredential());
        o.put("account", s.account()).put("home_dir", s.homeDir()).put("log_dir", s.logDir())
                .put("exec_prefix", s.execPrefix()).put("dlg_root", s.dlgRoot());
        putIfSet(o, "venv", s.venv());
        putIfSet(o, "modules", s.modules());
        o.put("facility", s.facility()).put("job_duration_minutes", s.jobDurationMinutes()).put("num_nodes", s.numNodes())
                .put("num_islands", s.numIslands()).put("verbose_level", s.verboseLevel()).put("max_threads", s.maxThreads())
                .put("all_nics", s.allNics()).put("zerorun", s.zerorun()).put("sleepncopy", s.sleepncopy())
                .put("check_with_session", s.checkWithSession());
        if (s.verifySsl() != null) {
            o.put("verify_ssl", s.verifySsl());
        }
        putIfSet(o, "slurm_template", s.slurmTemplate());
        SlurmRemoteDeployment.Resources r = s.resources();
        ObjectNode resources = o.putObject("resources");
        putIfSet(resources, "partition", r.partition());
        putIfSet(resources, "nodes", r.nodes());
        putIfSet(resources, "tasks", r.tasks());
        putIfSet(resources, "cpus_per_task", r.cpusPerTask());
        putIfSet(resources, "memory", r.memory());
        putIfSet(resources, "wall_time_minutes", r.wallTimeMinutes());
        putIfSet(resources, "constraint", r.constraint());
        putIfSet(resources, "quality_of_service", r.qualityOfService());
        ObjectNode topology = o.putObject("manager_topology");
        putIfSet(topology, "nodes", s.managerTopology().nodes());
        putIfSet(topology, "islands", s.managerTopology().islands());
        topology.put("co_host_dim", s.managerTopology().coHostDim());
        putIfSet(o, "container_runtime", s.containerRuntime());
        putIfSet(o, "environment_setup", s.environmentSetup());
        return o;
    }

    /** The object hashed into {@code spec_sha256} (keys are sorted by the stable writer; absent optionals are null). */
    public static ObjectNode specObject(DeploymentProfile p) {
        ObjectNode o = F.objectNode();
        o.set("deployment", deployment(p.deployment()));
        o.put("description", p.description());
        o.put("is_default", p.isDefault());
        if (p.maxConcurrentExecutions() == null) {
            o.putNull("max_concurrent_executions");
        } else {
            o.put("max_concurrent_executions", p.maxConcurrentExecutions());
        }
        o.put("name", p.name());
        o.put("project_module", p.projectModule());
        o.set("translation", translation(p.translation()));
        return o;
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /** Ports keep an explicit null: absent means 8001, null means "no value" (the reference's Option default). */
    private static void putOrNull(ObjectNode o, String key, Long value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    private static void putIfSet(ObjectNode o, String key, Long value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
