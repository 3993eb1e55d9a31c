package dev.beampipe.cli.timeline;

import dev.beampipe.cli.CliException;

import java.util.Optional;
import java.util.UUID;

/**
 * How {@code timeline source ID} names a source: its registry uuid, or (with {@code --project MODULE}) its
 * identifier within that project. With both a uuid and a project, the source must belong to the project.
 */
public record SourceRef(Optional<UUID> uuid, String projectModule, String identifier) {

    public static SourceRef parse(String id, String project) {
        if (id == null || id.isBlank()) {
            throw new CliException("the source ID must not be blank");
        }
        String module = project == null || project.isBlank() ? null : project.strip();
        Optional<UUID> uuid = uuid(id.strip());
        if (uuid.isEmpty() && module == null) {
            throw new CliException("source " + id + " is not a registry uuid; give --project MODULE to look it up by identifier");
        }
        return new SourceRef(uuid, module, id.strip());
    }

    /** A canonical 8-4-4-4-12 hex uuid, else empty ({@link UUID#fromString} also accepts short forms like 1-2-3-4-5). */
    static Optional<UUID> uuid(String text) {
        if (!text.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    /** How the source is named in messages. */
    public String describe() {
        return projectModule == null ? identifier : identifier + " in project " + projectModule;
    }
}
