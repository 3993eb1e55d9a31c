package dev.beampipe.cli.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.CliException;
import dev.beampipe.cli.daliuge.DaliugeCommand;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.cli.slurm.SlurmProfiles;
import dev.beampipe.cli.slurm.SlurmStatus;
import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.OperatorInspection;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.profile.SlurmResourceRequest;
import dev.beampipe.model.profile.StoredProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code beampipe profile test NAME}: Slurm → an authenticated connectivity test of the login node (the Slurm
 * commands it must find) and the resource request, {@code {profile, connectivity, resource_request}}; REST → the
 * Translator Manager and DIM inspection of {@code daliuge inspect}, {@code {profile, translator, manager}}.
 */
@Command(name = "test", mixinStandardHelpOptions = true, description = "Test a deployment profile against its backend (SSH for Slurm, HTTP for REST).")
public class ProfileTestCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "profile name")
    String name;

    @ParentCommand
    ProfileCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StoredProfile stored = SlurmProfiles.named(parent.environment, name);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("profile", stored.profile().name());
        if (stored.profile().deployment() instanceof SlurmRemoteDeployment slurm) {
            o.set("connectivity", SlurmStatus.connectivity(slurm, parent.environment));
            o.set("resource_request", SlurmResourceRequest.of(slurm).toJson());
        } else {
            DaliugeEndpoints endpoints = DaliugeEndpoints.of(Optional.of(stored), parent.environment.get("BEAMPIPE_TM_URL").orElse(null),
                    parent.environment.get("BEAMPIPE_DIM_URL").orElse(null));
            if (endpoints.tmUrl() == null) {
                throw new CliException("DALiuGE Translator Manager URL is not configured in settings or profile "
                        + "(set translation.tm_url in the profile or BEAMPIPE_TM_URL)");
            }
            OperatorInspection inspection = new OperatorInspection();
            o.set("translator", DaliugeCommand.live(() -> inspection.translator(endpoints)));
            o.set("manager", endpoints.dimUrl() == null ? JsonNodeFactory.instance.nullNode()
                    : DaliugeCommand.live(() -> inspection.manager(endpoints)));
        }
        CommandOutput.json(spec, o);
        return 0;
    }
}
