package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.beampipe.model.canonical.Utf8Order;
import dev.beampipe.model.config.model.DiscoveryQuery;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.model.SourceIdentity;
import dev.beampipe.model.config.model.TemplateVar;
import dev.beampipe.model.config.query.QueryRenderException;
import dev.beampipe.model.config.query.QueryRenderer;
import dev.beampipe.model.config.transform.Coercion;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The query-template context of one source (30-project-config §3.2): a byte-sorted map of name → JSON value.
 * Immutable; the legacy {@code source_name} rewrite and the per-SBID {@code sbid} give new contexts.
 */
final class TemplateContext {

    static final String SOURCE_IDENTIFIER = "source_identifier";
    static final String SOURCE_NAME = "source_name";
    static final String SBID = "sbid";

    private final SortedMap<String, JsonNode> values;

    private TemplateContext(SortedMap<String, JsonNode> values) {
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /**
     * With {@code source_identity}: every template var (base = the identifier when {@code from} is absent or
     * {@code canonical}, else the literal {@code from}; a failing transform keeps the base), then
     * {@code source_identifier} unless a var already has that name. Without it (legacy): the identifier and
     * {@code source_name} = {@code queries[0].source_id_transform} of it as a string, else the identifier.
     */
    static TemplateContext forSource(ProjectConfig config, TransformEngine transforms, String identifier) {
        SortedMap<String, JsonNode> values = new TreeMap<>(Utf8Order.COMPARATOR);
        TextNode id = TextNode.valueOf(identifier);
        SourceIdentity identity = config.sourceIdentity();
        if (identity != null) {
            identity.templateVars().forEach((name, var) -> values.put(name, templateVar(var, id, transforms)));
            values.putIfAbsent(SOURCE_IDENTIFIER, id);
        } else {
            values.put(SOURCE_IDENTIFIER, id);
            String transform = config.discovery().queries().isEmpty()
                    ? null : config.discovery().queries().get(0).sourceIdTransform();
            String sourceName = transform == null ? identifier : transforms.apply(transform, id)
                    .flatMap(Coercion::stringForm)
                    .orElse(identifier);
            values.put(SOURCE_NAME, TextNode.valueOf(sourceName));
        }
        return new TemplateContext(values);
    }

    private static JsonNode templateVar(TemplateVar var, TextNode identifier, TransformEngine transforms) {
        // any other "from" is the value itself, even "source_identifier" (§2.4)
        JsonNode base = var.from() == null || "canonical".equals(var.from()) ? identifier : TextNode.valueOf(var.from());
        return var.transform() == null ? base : transforms.apply(var.transform(), base).orElse(base);
    }

    /**
     * Legacy only (no {@code source_identity}): before a secondary query with its own
     * {@code source_id_transform}, {@code source_name} becomes that transform's raw result for the identifier,
     * and stays so for later queries. A failing transform leaves the context unchanged.
     */
    TemplateContext beforeSecondary(DiscoveryQuery query, ProjectConfig config, TransformEngine transforms,
                                    String identifier) {
        if (config.sourceIdentity() != null || query.sourceIdTransform() == null) {
            return this;
        }
        return transforms.apply(query.sourceIdTransform(), TextNode.valueOf(identifier))
                .map(value -> with(SOURCE_NAME, value))
                .orElse(this);
    }

    /** The context of a per-SBID enrichment query. */
    TemplateContext withSbid(String sbid) {
        return with(SBID, TextNode.valueOf(sbid));
    }

    private TemplateContext with(String key, JsonNode value) {
        SortedMap<String, JsonNode> copy = new TreeMap<>(Utf8Order.COMPARATOR);
        copy.putAll(values);
        copy.put(key, value);
        return new TemplateContext(copy);
    }

    /** The query text; a value refused by {@link QueryRenderer} (NUL, line break) fails the source. */
    String render(DiscoveryQuery query) throws SourceFailure {
        Map<String, String> forms = new HashMap<>();
        values.forEach((key, value) -> forms.put(key, Coercion.stringForm(value).orElse(null)));
        try {
            return QueryRenderer.render(query.template(), forms);
        } catch (QueryRenderException refused) {
            throw SourceFailure.error("query '" + query.name() + "': " + refused.getMessage());
        }
    }

    SortedMap<String, JsonNode> values() {
        return values;
    }
}
