package dev.beampipe.api.executions;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Operator links flattened into {@link ExecutionRead} (20-api §2.4): DIM session URLs for {@code daliuge}
 * executions, the Slurm session directory, login node and remote user for {@code slurm} ones, else all null.
 */
public record ExecutionDebugUrls(String dimSessionStatusUrl, String dimGraphStatusUrl, String slurmSessionDir,
                                 String slurmLoginNode, String slurmRemoteUser) {
    static final ExecutionDebugUrls NONE = new ExecutionDebugUrls(null, null, null, null, null);

    public static ExecutionDebugUrls of(ExecutionRow row) {
        JsonNode deployment = row.deploymentProfileSnapshot() == null ? null : row.deploymentProfileSnapshot().get("deployment");
        if ("daliuge".equals(row.schedulerName())) {
            String base = row.daliugeManagerUrl() != null ? row.daliugeManagerUrl() : restBase(deployment);
            String sid = row.daliugeSessionId();
            if (base == null || sid == null) {
                return NONE;
            }
            String prefix = stripSlash(base) + "/api/sessions/" + encode(sid);
            return new ExecutionDebugUrls(prefix + "/status", prefix + "/graph/status", null, null, null);
        }
        if ("slurm".equals(row.schedulerName())) {
            return new ExecutionDebugUrls(null, null, slurmSessionDir(row), text(deployment, "login_node"),
                    text(deployment, "remote_user"));
        }
        return NONE;
    }

    /** The stored directory, else the {@code |dir} suffix of the composite job id {@code sid:jobid|dir}. */
    static String slurmSessionDir(ExecutionRow row) {
        if (row.remoteSessionDir() != null) {
            return row.remoteSessionDir();
        }
        String job = row.schedulerJobId();
        int bar = job == null ? -1 : job.indexOf('|');
        return bar < 0 || bar == job.length() - 1 ? null : job.substring(bar + 1);
    }

    static String restBase(JsonNode deployment) {
        if (deployment == null || !"rest_remote".equals(text(deployment, "kind"))) {
            return null;
        }
        String host = text(deployment, "deploy_host");
        if (host == null) {
            return null;
        }
        JsonNode portNode = deployment.get("deploy_port");
        long port = portNode == null || !portNode.canConvertToLong() ? 8001 : portNode.asLong();
        boolean https = deployment.path("use_https").asBoolean(false);
        // the worker's rule (RestRemoteDeployment.dimRestBase): only the scheme's default port is omitted
        boolean defaultPort = https ? port == 443 : port == 80;
        return (https ? "https" : "http") + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node == null ? null : node.get(key);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
