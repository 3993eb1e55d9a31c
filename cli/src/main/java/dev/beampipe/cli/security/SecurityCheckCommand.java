package dev.beampipe.cli.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.security.SecurityChecks;
import dev.beampipe.model.security.SecurityReport;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code beampipe security check}: every rule of 20-api §5.1 over this process's environment, whatever
 * {@code BEAMPIPE_ENV} says; JSON {@code {ok, beampipe_env, slurm_ssh_configured, issues[]}}; exit 1 on any issue.
 * No network, no SSH.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run all security rules on the environment; exit 1 if any issue is found.")
public class SecurityCheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        SecurityReport report = SecurityChecks.report(System.getenv());
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("ok", report.ok());
        json.put("beampipe_env", report.beampipeEnv());
        json.put("slurm_ssh_configured", report.slurmSshConfigured());
        ArrayNode issues = json.putArray("issues");
        report.issues().forEach(issues::add);
        Output.json(json);
        return report.ok() ? 0 : 1;
    }
}
