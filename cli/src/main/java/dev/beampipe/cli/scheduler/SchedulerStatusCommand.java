package dev.beampipe.cli.scheduler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.output.CommandOutput;
import dev.beampipe.cli.slurm.SlurmProfiles;
import dev.beampipe.cli.slurm.SlurmStatus;
import dev.beampipe.model.profile.SlurmRemoteDeployment;
import dev.beampipe.model.profile.SlurmResourceRequest;
import dev.beampipe.model.profile.StoredProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code beampipe scheduler status --profile NAME}: over SSH from this process, the Slurm commands found on the login
 * node, the remote user's queue and the partitions' capacity; plus the profile's resource request and its
 * {@code #SBATCH} lines.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Slurm connectivity, queue, capacity and resource request of a profile.")
public class SchedulerStatusCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "NAME", required = true, description = "A slurm_remote deployment profile.")
    String profile;

    @ParentCommand
    SchedulerCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StoredProfile stored = SlurmProfiles.named(parent.environment, profile);
        SlurmRemoteDeployment slurm = SlurmProfiles.slurm(stored);
        ObjectNode o = SlurmStatus.report(slurm, parent.environment);
        o.put("profile", stored.profile().name());
        SlurmResourceRequest request = SlurmResourceRequest.of(slurm);
        o.set("resource_request", request.toJson());
        ArrayNode lines = o.putArray("sbatch_directives");
        request.sbatchDirectives().forEach(lines::add);
        CommandOutput.json(spec, o);
        return 0;
    }
}
