package dev.beampipe.model.discovery.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beampipe.model.config.signature.DiscoverySignature;
import dev.beampipe.model.config.signature.InvalidRecordException;
import dev.beampipe.model.config.signature.SignatureOptions;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.discovery.SourceClaims;
import dev.beampipe.model.discovery.persist.HeldSources.HeldSource;
import dev.beampipe.model.discovery.pipeline.SourceOutcome;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Persists the results of one {@code discover_batch} (10-state-and-jobs §4.4, 30-project-config §3.7), fenced by the
 * batch's claim token. Each source is persisted in its own transaction, after locking its registry row with the
 * token in the condition; a source whose claim was lost writes nothing ({@code missing_registry}). Provenance is
 * written in the same transaction. At the end the claim is released on every row still holding the token.
 * What is stored and how it differs from the reference: docs/discovery-persistence.md.
 */
public final class DiscoveryPersistence {
    private static final Logger LOG = Logger.getLogger(DiscoveryPersistence.class);
    /** {@code archive_metadata.sbid} is {@code VARCHAR(50)}. */
    static final int MAX_SBID_LENGTH = 50;

    private final Database db;
    private final SourceClaims claims;

    public DiscoveryPersistence(Database db) {
        this.db = db;
        this.claims = new SourceClaims(db);
    }

    /** Persists one discover_batch's results, fenced by claimToken; releases the batch's claims at the end. */
    public BatchReport persist(String module, String claimToken, List<SourceResult> results, SignatureOptions options) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(claimToken, "claimToken");
        Objects.requireNonNull(options, "options");
        for (SourceResult result : results) {
            if (result == null || result.sourceIdentifier() == null || result.outcome() == null) {
                throw new IllegalArgumentException("every result needs a source identifier and an outcome: " + result);
            }
        }
        Tally tally = new Tally();
        for (SourceResult result : results) {
            Persisted persisted = persistOne(module, claimToken, result, options);
            if (persisted.as() == PersistedAs.MISSING_REGISTRY) {
                LOG.infof("event=discovery_claim_lost project=%s source=%s claim_token=%s", module,
                        result.sourceIdentifier(), claimToken);
            }
            tally.add(result, persisted);
        }
        claims.release(module, claimToken);
        return tally.report(results.size());
    }

    /** How one source was persisted, and what its records amounted to when they were compared or stored. */
    private record Persisted(PersistedAs as, int sbids, int datasets) {
        static Persisted of(PersistedAs as) {
            return new Persisted(as, 0, 0);
        }
    }

    private Persisted persistOne(String module, String token, SourceResult result, SignatureOptions options) {
        String id = result.sourceIdentifier();
        SourceOutcome outcome = result.outcome();
        if (outcome instanceof SourceOutcome.Prepared prepared) {
            return persistPrepared(module, token, result, prepared, options);
        }
        if (outcome instanceof SourceOutcome.Failed failed) {
            return persistFailure(module, token, result, failed.timeout() ? PersistedAs.TIMEOUT : PersistedAs.ERROR,
                    failed.message());
        }
        if (outcome instanceof SourceOutcome.NoDatasets) {
            return persistNoDatasets(module, token, id, options);
        }
        throw new IllegalStateException("unknown outcome " + outcome);
    }

    private Persisted persistPrepared(String module, String token, SourceResult result, SourceOutcome.Prepared prepared,
                                      SignatureOptions options) {
        String id = result.sourceIdentifier();
        try {
            requireStorable(prepared.records());
        } catch (InvalidRecordException e) {
            return persistFailure(module, token, result, PersistedAs.INVALID_RECORD, e.getMessage());
        }
        if (prepared.records().isEmpty()) {
            return persistNoDatasets(module, token, id, options);
        }
        DiscoverySignature.Result signature = DiscoverySignature.compute(prepared.records(), prepared.flags(), options);
        int sbids = signature.storedPayloads().size();
        int datasets = prepared.records().size();
        return db.inTransaction(sql -> {
            Optional<HeldSource> held = HeldSources.lock(sql, module, id, token);
            if (held.isEmpty()) {
                return Persisted.of(PersistedAs.MISSING_REGISTRY);
            }
            String previous = HeldSources.previousSignature(sql, module, id, held.get(), options);
            if (signature.signature().equals(previous)) {
                HeldSources.requireOne(claims.markChecked(sql, module, id, token) ? 1 : 0);
                DiscoveryProvenance.record(sql, "discovery.unchanged", module, id, token,
                        new JsonObject().put("signature_prefix", signature.signature().substring(0, 16)));
                return new Persisted(PersistedAs.UNCHANGED, sbids, datasets);
            }
            HeldSources.replaceRows(sql, module, id, signature.storedPayloads());
            HeldSources.markChanged(sql, module, id, token, signature.signature());
            DiscoveryProvenance.record(sql, "discovery.changed", module, id, token, new JsonObject()
                    .put("signature", signature.signature()).put("sbids", sbids).put("datasets", datasets));
            return new Persisted(PersistedAs.CHANGED, sbids, datasets);
        });
    }

    /**
     * The {@code '0'} marker row and the no-datasets signature; a pending source is un-pended (our fix of pitfall 35:
     * with only the marker left an execution would fail). Already no-datasets and not pending → checked only.
     */
    private Persisted persistNoDatasets(String module, String token, String id, SignatureOptions options) {
        return db.inTransaction(sql -> {
            Optional<HeldSource> held = HeldSources.lock(sql, module, id, token);
            if (held.isEmpty()) {
                return Persisted.of(PersistedAs.MISSING_REGISTRY);
            }
            boolean already = DiscoverySignature.NO_DATASETS_SIGNATURE.equals(
                    HeldSources.previousSignature(sql, module, id, held.get(), options));
            if (already && !held.get().pending()) {
                HeldSources.requireOne(claims.markChecked(sql, module, id, token) ? 1 : 0);
                return Persisted.of(PersistedAs.NO_DATASETS);
            }
            if (!already) {
                SortedMap<String, ObjectNode> marker = new TreeMap<>();
                marker.put(DiscoverySignature.NO_DATASETS_SBID, DiscoverySignature.noDatasetsPayload());
                HeldSources.replaceRows(sql, module, id, marker);
            }
            HeldSources.markNoDatasets(sql, module, id, token);
            DiscoveryProvenance.record(sql, "discovery.no_datasets", module, id, token, new JsonObject()
                    .put("signature", DiscoverySignature.NO_DATASETS_SIGNATURE)
                    .put("pending_cleared", held.get().pending()));
            return Persisted.of(PersistedAs.NO_DATASETS);
        });
    }

    /** Error, timeout or invalid record: attempted now, one more failure (backoff), provenance; nothing else changes. */
    private Persisted persistFailure(String module, String token, SourceResult result, PersistedAs as, String message) {
        String id = result.sourceIdentifier();
        return db.inTransaction(sql -> {
            if (HeldSources.lock(sql, module, id, token).isEmpty()) {
                return Persisted.of(PersistedAs.MISSING_REGISTRY);
            }
            HeldSources.requireOne(claims.markAttempted(sql, module, id, token) ? 1 : 0);
            DiscoveryProvenance.record(sql, as == PersistedAs.TIMEOUT ? "discovery.timeout" : "discovery.error",
                    module, id, token, new JsonObject().put("error", message == null ? "" : message)
                            .put("duration_ms", result.durationMs()).put("claim_token", token));
            return Persisted.of(as);
        });
    }

    /**
     * §3.7.2 (reference messages), plus the SBID length the {@code archive_metadata.sbid} column takes — a longer
     * one would otherwise fail the whole batch on the insert.
     */
    static void requireStorable(List<? extends JsonNode> records) {
        DiscoverySignature.requirePersistable(records);
        for (int i = 0; i < records.size(); i++) {
            String sbid = DiscoverySignature.sbidKey(records.get(i).get("sbid"));
            if (sbid.codePointCount(0, sbid.length()) > MAX_SBID_LENGTH) {
                throw new InvalidRecordException("record[" + i + "] 'sbid' is longer than " + MAX_SBID_LENGTH + " characters");
            }
        }
    }

    /** The batch counters, in input order. */
    private static final class Tally {
        private int sbids;
        private int datasets;
        private final int[] counts = new int[PersistedAs.values().length];
        private final List<String> failed = new ArrayList<>();
        private final List<String> changed = new ArrayList<>();

        void add(SourceResult result, Persisted persisted) {
            counts[persisted.as().ordinal()]++;
            sbids += persisted.sbids();
            datasets += persisted.datasets();
            if (persisted.as().failed()) {
                failed.add(result.sourceIdentifier());
            }
            if (persisted.as() == PersistedAs.CHANGED) {
                changed.add(result.sourceIdentifier());
            }
        }

        BatchReport report(int total) {
            return new BatchReport(total, sbids, datasets, count(PersistedAs.CHANGED), count(PersistedAs.UNCHANGED),
                    count(PersistedAs.NO_DATASETS), count(PersistedAs.ERROR), count(PersistedAs.TIMEOUT),
                    count(PersistedAs.MISSING_REGISTRY), count(PersistedAs.INVALID_RECORD), failed, changed);
        }

        private int count(PersistedAs as) {
            return counts[as.ordinal()];
        }
    }
}
