package dev.beampipe.cli.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.profile.ProfileValidator;
import dev.beampipe.model.profile.StoredProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code beampipe profile validate NAME}: re-validates an installed profile; exit 1 when invalid. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Re-validate an installed deployment profile.")
public class ProfileValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "profile name")
    String name;

    @Override
    public Integer call() {
        try (Profiles profiles = new Profiles()) {
            StoredProfile stored = profiles.named(name);
            Optional<String> error = ProfileValidator.validate(stored.profile());
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("valid", error.isEmpty());
            o.put("profile", name);
            o.put("revision", stored.revision());
            o.put("spec_sha256", stored.specSha256());
            error.ifPresent(e -> o.put("error", e));
            Output.json(o);
            return error.isEmpty() ? 0 : 1;
        }
    }
}
