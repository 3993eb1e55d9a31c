package dev.beampipe.simulators.slurm;

import dev.beampipe.simulators.http.Json;
import dev.beampipe.simulators.http.SimExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The HTTP control API of a standalone fake login node (system tests), all under {@code /_control/}:
 * <ul>
 *   <li>{@code GET jobs} (what sbatch received, with states), {@code GET commands}, {@code GET state},
 *       {@code GET known-hosts} (text)</li>
 *   <li>{@code POST fate} / {@code POST default-fate}: a JSON {@link JobFate} ({@code pending}, {@code running}
 *       seconds, {@code end}, {@code exit}, {@code reason}, {@code hold}, {@code batch}, {@code sacct},
 *       {@code sacct_lag})</li>
 *   <li>{@code POST fault}: {@code {"name": "controller_down|accounting_disabled|sbatch_error|receipt",
 *       "count": n, "detail": {...}}} (count -1 = until cleared, 0 = off)</li>
 *   <li>{@code POST ssh-fault}: {@code {"kind": "no_exit_status|drop_before_run|drop_after_run|delay",
 *       "pattern": "<regex>", "delay_ms": n}}</li>
 *   <li>{@code POST config}: keys {@code min_job_age}, {@code partitions}, {@code default_partition},
 *       {@code accounts}, {@code qos}, {@code cluster}, {@code banner}, {@code version}</li>
 *   <li>{@code POST clear-faults}, {@code POST advance?seconds=N}, {@code POST cancel?id=N} (operator cancel,
 *       uid 0), {@code POST authorize} (body: an OpenSSH public key line), {@code POST revoke}</li>
 * </ul>
 */
final class FakeLoginNodeControl {

    private final FakeLoginNode node;

    FakeLoginNodeControl(FakeLoginNode node) {
        this.node = node;
    }

    @SuppressWarnings("unchecked")
    void handle(SimExchange ex) throws IOException {
        if (!ex.path().startsWith("/_control/")) {
            ex.sendJson(404, Map.of("error", "not found: " + ex.path()), Json.Style.COMPACT);
            return;
        }
        String action = ex.path().substring("/_control/".length());
        String method = ex.method();
        SlurmScenario scenario = node.scenario();
        try {
            switch (method + " " + action) {
                case "GET jobs" -> ex.sendJson(200, scenario.dump().get("jobs"), Json.Style.COMPACT);
                case "GET state" -> ex.sendJson(200, scenario.dump(), Json.Style.COMPACT);
                case "GET commands" -> ex.sendJson(200, node.commands(), Json.Style.COMPACT);
                case "GET known-hosts" -> ex.send(200, "text/plain; charset=utf-8", node.knownHostsLine() + "\n");
                case "POST fate" -> {
                    scenario.nextJob(JobFate.fromJson((Map<String, Object>) Json.parse(ex.bodyText())));
                    ok(ex);
                }
                case "POST default-fate" -> {
                    scenario.defaultFate(JobFate.fromJson((Map<String, Object>) Json.parse(ex.bodyText())));
                    ok(ex);
                }
                case "POST fault" -> {
                    Map<String, Object> body = (Map<String, Object>) Json.parse(ex.bodyText());
                    scenario.raw(Map.of("op", "fault", "name", body.get("name"),
                            "count", body.getOrDefault("count", -1L), "detail", body.getOrDefault("detail", Map.of())));
                    ok(ex);
                }
                case "POST ssh-fault" -> {
                    Map<String, Object> body = (Map<String, Object>) Json.parse(ex.bodyText());
                    String kind = String.valueOf(body.get("kind")).toUpperCase(java.util.Locale.ROOT);
                    long delay = body.get("delay_ms") == null ? 0 : ((Number) body.get("delay_ms")).longValue();
                    node.sshFaults().add(SshFaults.Kind.valueOf(kind), String.valueOf(body.get("pattern")),
                            Duration.ofMillis(delay));
                    ok(ex);
                }
                case "POST config" -> {
                    scenario.raw(Map.of("op", "config", "config", Json.parse(ex.bodyText())));
                    ok(ex);
                }
                case "POST clear-faults" -> {
                    scenario.clearFaults();
                    ok(ex);
                }
                case "POST advance" -> {
                    scenario.advance(Duration.ofMillis(Math.round(Double.parseDouble(ex.query().get("seconds")) * 1000)));
                    ok(ex);
                }
                case "POST cancel" -> ex.sendJson(200, Map.of("cancelled", node.cancelJob(ex.query().get("id"))),
                        Json.Style.COMPACT);
                case "POST authorize" -> {
                    node.authorize(ex.bodyText());
                    ok(ex);
                }
                case "POST revoke" -> {
                    node.revoke(ex.bodyText());
                    ok(ex);
                }
                default -> ex.sendJson(404, Map.of("error", "unknown control action " + method + " " + action),
                        Json.Style.COMPACT);
            }
        } catch (IllegalArgumentException | ClassCastException | NullPointerException | Json.JsonException e) {
            ex.sendJson(400, Map.of("error", String.valueOf(e.getMessage())), Json.Style.COMPACT);
        }
    }

    private static void ok(SimExchange ex) throws IOException {
        ex.sendJson(200, Map.of("ok", true), Json.Style.COMPACT);
    }

    static List<String> usage() {
        return List.of("GET /_control/jobs", "GET /_control/commands", "GET /_control/state", "GET /_control/known-hosts",
                "POST /_control/fate", "POST /_control/default-fate", "POST /_control/fault", "POST /_control/ssh-fault",
                "POST /_control/config", "POST /_control/clear-faults", "POST /_control/advance?seconds=N",
                "POST /_control/cancel?id=N", "POST /_control/authorize", "POST /_control/revoke");
    }
}
