package dev.beampipe.model.config.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.model.config.model.ModelTree;
import dev.beampipe.model.config.model.PrepareMetadata;
import dev.beampipe.model.config.model.ProjectConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Warnings of an upload compared with the previously active revision (30-project-config §5.3). Sub-models are
 * compared in their serialized form, so an absent section differs from an empty one.
 */
public final class RevisionWarnings {

    private RevisionWarnings() {
    }

    public static List<Diagnostic> compare(ProjectConfig previous, ProjectConfig next) {
        List<Diagnostic> warnings = new ArrayList<>();
        if (changed(previous, next, RevisionWarnings::signature)) {
            warnings.add(Diagnostic.warning("discovery.prepare_metadata.signature", "signature_changed",
                    "discovery signature config changed; expect discovery re-signatures and a workflow_run_pending wave"));
        }
        if (changed(previous, next, RevisionWarnings::fieldMap)) {
            warnings.add(Diagnostic.warning("discovery.prepare_metadata.field_map", "field_map_changed",
                    "field_map changed; prepared metadata shape and discovery signatures may change"));
        }
        if (changed(previous, next, c -> c.definitions() == null ? null : ModelTree.definitions(c.definitions()))) {
            warnings.add(Diagnostic.warning("definitions.transforms", "definitions_changed",
                    "definitions.transforms changed; prepared metadata shape and discovery signatures may change"));
        }
        return warnings;
    }

    /** Added by the API when the upload is valid and {@code count} in-flight executions pin another hash. */
    public static Diagnostic inFlightConfigPins(long count) {
        return Diagnostic.warning("spec_sha256", "in_flight_config_pins", count
                + " in-flight execution(s) pin a different project config spec_sha256; new config applies to future runs only");
    }

    private static boolean changed(ProjectConfig previous, ProjectConfig next, Function<ProjectConfig, JsonNode> part) {
        return !Objects.equals(part.apply(previous), part.apply(next));
    }

    private static JsonNode signature(ProjectConfig config) {
        PrepareMetadata prepare = config.discovery().prepareMetadata();
        return prepare == null || prepare.signature() == null ? null : ModelTree.signature(prepare.signature());
    }

    private static JsonNode fieldMap(ProjectConfig config) {
        PrepareMetadata prepare = config.discovery().prepareMetadata();
        return prepare == null ? null : ModelTree.fieldMap(prepare.fieldMap());
    }
}
