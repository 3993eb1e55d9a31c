package dev.beampipe.model.config.model;

import dev.beampipe.model.config.transform.TransformSpec;
import java.util.List;
import java.util.Map;

/**
 * The typed project config (30-project-config §2.1). Components are in canonical (declaration) order. Nullable
 * components ({@code graph}, {@code manifest}, {@code extension}, {@code definitions}, {@code sourceIdentity})
 * are null when absent; the others always hold a value, defaults filled in.
 */
public record ProjectConfig(
        String apiVersion,
        String kind,
        Metadata metadata,
        Adapters adapters,
        Graph graph,
        Discovery discovery,
        Manifest manifest,
        List<GraphPatch> graphPatches,
        OutputVerification outputVerification,
        Automation automation,
        Extension extension,
        Definitions definitions,
        SourceIdentity sourceIdentity) {

    public static final String API_VERSION = "beampipe.dev/v2";
    public static final String LEGACY_API_VERSION = "beampipe.dev/v1";
    public static final String KIND = "ProjectConfig";

    public ProjectConfig {
        graphPatches = List.copyOf(graphPatches);
    }

    /** The named transforms, empty when {@code definitions} is absent. */
    public Map<String, TransformSpec> transforms() {
        return definitions == null ? Map.of() : definitions.transforms();
    }
}
