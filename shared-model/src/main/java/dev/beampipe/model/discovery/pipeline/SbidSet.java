package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.model.canonical.Utf8Order;
import dev.beampipe.model.config.model.MappingSpec;
import dev.beampipe.model.config.transform.Coercion;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The distinct SBIDs of a source (30-project-config §3.1 step 4): the {@code field_map} entry named
 * {@code sbid} evaluated per primary row with an empty source identifier and no enrichments, as a string form;
 * rows without one are dropped. Byte-sorted, de-duplicated.
 */
final class SbidSet {

    static final String SBID_FIELD = "sbid";

    private static final JsonNode NO_ENRICHMENTS = JsonNodeFactory.instance.objectNode();

    private SbidSet() {
    }

    static List<String> of(List<? extends JsonNode> rows, MappingSpec sbidSpec, TransformEngine transforms) {
        SortedSet<String> sbids = new TreeSet<>(Utf8Order.COMPARATOR);
        for (JsonNode row : rows) {
            sbidOf(row, sbidSpec, transforms).ifPresent(sbids::add);
        }
        return List.copyOf(sbids);
    }

    /** One row's normalised SBID; empty when there is no {@code sbid} mapping or it yields no string form. */
    static Optional<String> sbidOf(JsonNode row, MappingSpec sbidSpec, TransformEngine transforms) {
        if (sbidSpec == null) {
            return Optional.empty();
        }
        return FieldSource.value(sbidSpec, row, "", NO_ENRICHMENTS, null, transforms).flatMap(Coercion::stringForm);
    }
}
