package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.DiscoveryQuery;
import dev.beampipe.model.config.model.Extension;
import dev.beampipe.model.config.model.MappingSpec;
import dev.beampipe.model.config.model.PrepareMetadata;
import dev.beampipe.model.config.model.ProjectConfig;
import dev.beampipe.model.config.transform.TransformEngine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Discovers one source with the active project config (30-project-config §3.1 steps 2–8; 10-state-and-jobs
 * §4.3): the primary query, the secondary queries, the SBIDs, the per-SBID enrichments, the flags and one
 * prepared record per primary row. Pure apart from the {@link ArchiveQueries} it is given; nothing is
 * persisted here. There is no TAP skip (decision 2): a claimed source is always queried.
 *
 * <p>Outcomes: no primary rows → {@link SourceOutcome.NoDatasets}; a timeout of the primary or of a
 * {@code sbid_to_eval_file} query → {@code Failed(true, "TAP timeout")}; any other failure of those, a
 * calibration-archive selection error, a refused template value, no queries, or a {@code prepare_metadata}
 * hook that cannot run → {@code Failed(false, message)}. Secondary query failures become {@code []}; other
 * per-SBID enrichment failures skip the SBID. {@link InterruptedException} propagates.
 */
public final class SourceDiscovery {

    static final String NO_QUERIES = "project config has no discovery queries";
    static final String NO_WASM_RUNTIME = "prepare_metadata hook cannot run: no WebAssembly runtime in this build";

    private static final Logger LOG = Logger.getLogger(SourceDiscovery.class);

    private final ProjectConfig config;
    private final TransformEngine transforms;

    public SourceDiscovery(ProjectConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.transforms = new TransformEngine(config.transforms());
    }

    public SourceOutcome discover(String sourceIdentifier, ArchiveQueries tap) throws InterruptedException {
        Objects.requireNonNull(sourceIdentifier, "sourceIdentifier");
        Objects.requireNonNull(tap, "tap");
        try {
            return run(sourceIdentifier, tap);
        } catch (SourceFailure failure) {
            return failure.outcome();
        }
    }

    private SourceOutcome run(String identifier, ArchiveQueries tap) throws SourceFailure, InterruptedException {
        List<DiscoveryQuery> queries = config.discovery().queries();
        if (queries.isEmpty()) {
            throw SourceFailure.error(NO_QUERIES);
        }
        if (hasPrepareMetadataHook()) {
            // decision (§10): a hook that cannot run is a visible failure, never silently skipped
            throw SourceFailure.error(NO_WASM_RUNTIME);
        }
        TemplateContext context = TemplateContext.forSource(config, transforms, identifier);
        DiscoveryQuery primary = queries.get(0);
        List<ObjectNode> rows;
        try {
            rows = tap.query(primary.adapter(), context.render(primary));
        } catch (ArchiveQueryException e) {
            throw SourceFailure.of(e);
        }
        if (rows.isEmpty()) {
            return new SourceOutcome.NoDatasets();
        }

        ObjectNode enrichments = JsonNodeFactory.instance.objectNode();
        for (DiscoveryQuery secondary : queries.subList(1, queries.size())) {
            context = context.beforeSecondary(secondary, config, transforms, identifier);
            enrichments.set(secondary.name(), secondaryRows(secondary, context, tap, identifier));
        }

        PrepareMetadata prepare = config.discovery().prepareMetadata();
        Map<String, MappingSpec> fieldMap = prepare == null ? Map.of() : prepare.fieldMap();
        Map<String, MappingSpec> flagSpecs = prepare == null ? Map.of() : prepare.discoveryFlags();
        List<String> sbids = SbidSet.of(rows, fieldMap.get(SbidSet.SBID_FIELD), transforms);
        List<DiscoveryQuery> perSbid = config.discovery().enrichments();
        SbidEnrichments.run(perSbid, sbids, context, tap, identifier, enrichments);

        ObjectNode flags = DiscoveryFlags.of(flagSpecs, enrichments, transforms);
        List<ObjectNode> records = PreparedRecords.build(rows, fieldMap, perSbid, identifier, enrichments, flags,
                transforms);
        return new SourceOutcome.Prepared(records, flags);
    }

    /** A secondary query's rows; a failed query is logged and stored as {@code []} (§3.1 step 3). */
    private ArrayNode secondaryRows(DiscoveryQuery query, TemplateContext context, ArchiveQueries tap,
                                    String identifier) throws SourceFailure, InterruptedException {
        String adql = context.render(query);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        try {
            tap.query(query.adapter(), adql).forEach(out::add);
        } catch (ArchiveQueryException e) {
            LOG.warnf("discovery: source %s: query %s failed, stored as []: %s", identifier, query.name(), e.getMessage());
        }
        return out;
    }

    private boolean hasPrepareMetadataHook() {
        Extension extension = config.extension();
        return extension != null && extension.hooks().contains(Extension.Hook.PREPARE_METADATA);
    }
}
