package dev.beampipe.cli.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.cli.output.Output;
import dev.beampipe.model.profile.ProfileRows;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code beampipe profile list}: up to 500 profiles, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List deployment profiles (JSON).")
public class ProfileListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        try (Profiles profiles = new Profiles()) {
            ArrayNode rows = JsonNodeFactory.instance.arrayNode();
            profiles.store.list().stream().limit(500).forEach(p -> rows.add(ProfileRows.toJson(p)));
            Output.json(rows);
        }
        return 0;
    }
}
