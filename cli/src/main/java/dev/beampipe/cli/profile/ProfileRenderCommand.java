package dev.beampipe.cli.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.profile.ProfileRows;
import dev.beampipe.model.profile.RestRemoteDeployment;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.profile.SlurmResourceRequest;
import dev.beampipe.model.profile.StoredProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code beampipe profile render NAME}: Slurm → resource request and #SBATCH lines; REST → the DIM URL. */
@Command(name = "render", mixinStandardHelpOptions = true, description = "Show the effective request of a deployment profile.")
public class ProfileRenderCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "profile name")
    String name;

    @Override
    public Integer call() {
        try (Profiles profiles = new Profiles()) {
            StoredProfile stored = profiles.named(name);
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("profile", ProfileRows.toJson(stored));
            if (stored.profile().deployment() instanceof SlurmRemoteDeployment slurm) {
                SlurmResourceRequest request = SlurmResourceRequest.of(slurm);
                o.set("resource_request", request.toJson());
                ArrayNode lines = o.putArray("sbatch_directives");
                request.sbatchDirectives().forEach(lines::add);
            } else {
                o.put("manager_url", ((RestRemoteDeployment) stored.profile().deployment()).dimRestBase());
            }
            Output.json(o);
        }
        return 0;
    }
}
