package dev.beampipe.cli.profile;

import dev.beampipe.cli.CliException;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.profile.DeploymentProfile;
import dev.beampipe.model.profile.ProfileBinder;
import dev.beampipe.model.profile.ProfileFormatException;
import dev.beampipe.model.profile.ProfileRows;
import dev.beampipe.model.profile.ProfileValidator;
import dev.beampipe.model.profile.StoredProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code beampipe profile add -f FILE}: validate, then upsert by name — identical content is a no-op,
 * changed content a new revision. (The {@code --ssh-*} credential flags arrive with the Slurm issue.)
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add or update a deployment profile from YAML/JSON.")
public class ProfileAddCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, description = "deployment profile (YAML or JSON)")
    Path file;

    @Override
    public Integer call() {
        DeploymentProfile profile;
        try {
            profile = ProfileBinder.bind(Output.document(file));
        } catch (ProfileFormatException e) {
            throw new CliException(file + ": " + e.path() + ": " + e.getMessage());
        }
        ProfileValidator.validate(profile).ifPresent(message -> {
            throw new CliException(file + ": " + message);
        });
        try (Profiles profiles = new Profiles()) {
            Optional<StoredProfile> existing = profiles.store.byName(profile.name());
            StoredProfile stored;
            if (existing.isEmpty()) {
                stored = profiles.store.create(profile);
                System.err.println("created deployment profile '" + profile.name() + "' (revision 1)");
            } else if (existing.get().specSha256() != null && existing.get().specSha256().equals(profiles.store.specSha256(profile))) {
                stored = existing.get();
                System.err.println("deployment profile '" + profile.name() + "' is unchanged (revision " + stored.revision() + ")");
            } else {
                stored = profiles.store.update(existing.get().id(), profile).orElseThrow();
                System.err.println("updated deployment profile '" + profile.name() + "' (revision " + stored.revision() + ")");
            }
            Output.json(ProfileRows.toJson(stored));
        } catch (dev.beampipe.model.profile.ProfileConflictException e) {
            throw new CliException(e.getMessage());
        }
        return 0;
    }
}
