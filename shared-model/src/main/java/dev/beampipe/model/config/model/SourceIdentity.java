package dev.beampipe.model.config.model;

import java.util.Map;

/** {@code source_identity}: {@code canonical} defaults to {@code source_identifier}. */
public record SourceIdentity(String canonical, Map<String, TemplateVar> templateVars) {

    public static final String DEFAULT_CANONICAL = "source_identifier";

    public SourceIdentity {
        templateVars = SortedMaps.copyOf(templateVars);
    }
}
