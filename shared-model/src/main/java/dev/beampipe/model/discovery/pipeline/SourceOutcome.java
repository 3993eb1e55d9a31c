package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** What discovering one source produced (10-state-and-jobs §4.3), before anything is persisted. */
public sealed interface SourceOutcome {

    /** One prepared record per primary row, and the source's discovery flags (an object, possibly empty). */
    record Prepared(List<ObjectNode> records, ObjectNode flags) implements SourceOutcome {
        public Prepared {
            records = List.copyOf(records);
        }
    }

    /** The primary query returned no rows. */
    record NoDatasets() implements SourceOutcome {
    }

    /** The source could not be discovered this time; {@code timeout} is the reference's Timeout outcome. */
    record Failed(boolean timeout, String message) implements SourceOutcome {
    }
}
