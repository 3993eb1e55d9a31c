package dev.beampipe.model.discovery.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.model.DiscoveryQuery;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The per-SBID enrichment queries of {@code discovery.enrichments} (30-project-config §3.1 step 5): for each
 * query and each SBID, the source's context plus {@code sbid}, rendered and run; the per-SBID row is stored
 * under {@code enrichments[<name>][<sbid>]}. For {@code sbid_to_eval_file} the row is the chosen calibration
 * archive and any failure ends the source; for other names the row is the first one (none → no entry) and a
 * failed query only skips that SBID.
 */
final class SbidEnrichments {

    private static final Logger LOG = Logger.getLogger(SbidEnrichments.class);

    private SbidEnrichments() {
    }

    /** Adds one object per enrichment name to {@code enrichments}, keyed by SBID. */
    static void run(List<DiscoveryQuery> queries, List<String> sbids, TemplateContext context, ArchiveQueries tap,
                    String identifier, ObjectNode enrichments) throws SourceFailure, InterruptedException {
        for (DiscoveryQuery query : queries) {
            JsonNode existing = enrichments.get(query.name());
            ObjectNode bySbid = existing != null && existing.isObject()
                    ? (ObjectNode) existing : enrichments.putObject(query.name());
            for (String sbid : sbids) {
                String adql = context.withSbid(sbid).render(query);
                if (CalibrationArchive.ENRICHMENT_NAME.equals(query.name())) {
                    List<ObjectNode> rows;
                    try {
                        rows = tap.query(query.adapter(), adql);
                    } catch (ArchiveQueryException e) {
                        throw SourceFailure.of(e);
                    }
                    bySbid.set(sbid, CalibrationArchive.select(sbid, rows));
                } else {
                    try {
                        List<ObjectNode> rows = tap.query(query.adapter(), adql);
                        if (!rows.isEmpty()) {
                            bySbid.set(sbid, rows.get(0));
                        }
                    } catch (ArchiveQueryException e) {
                        LOG.warnf("discovery: source %s: enrichment %s for SBID %s failed, SBID skipped: %s",
                                identifier, query.name(), sbid, e.getMessage());
                    }
                }
            }
        }
    }
}
