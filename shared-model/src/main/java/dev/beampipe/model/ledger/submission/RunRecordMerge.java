package dev.beampipe.model.ledger.submission;

import dev.beampipe.model.daliuge.SessionIds;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The receipt's run-record merge (10-state §5.4, 40-backends §3.8), pure "old document → new document": the receipt's
 * manifest replaces the stored one, but run-record sections it does not carry are kept from the stored document (a
 * poll or the admission record written concurrently is not lost, decision 3); DALiuGE adds {@code dim.session_id} and
 * {@code dim.deploy {deployed_at, dim_rest_base, verify_ssl, operator_urls}}.
 */
public final class RunRecordMerge {
    public static final String RUN_RECORD = "beampipe_run_record";
    private static final DateTimeFormatter RFC3339_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private RunRecordMerge() {
    }

    public static JsonObject receiptManifest(JsonObject stored, JsonObject receiptManifest, String sessionId,
                                             Receipt.DimDeploy deploy) {
        JsonObject out = receiptManifest.copy();
        JsonObject storedRecord = stored == null ? null : stored.getJsonObject(RUN_RECORD);
        JsonObject record = out.getJsonObject(RUN_RECORD) == null ? new JsonObject() : out.getJsonObject(RUN_RECORD).copy();
        if (storedRecord != null) {
            for (String key : storedRecord.fieldNames()) {
                if (!record.containsKey(key)) {
                    record.put(key, storedRecord.getValue(key));
                }
            }
        }
        if (deploy != null) {
            String base = trimTrailingSlashes(deploy.dimRestBase());
            JsonObject dim = record.getJsonObject("dim") == null ? new JsonObject() : record.getJsonObject("dim").copy();
            JsonObject urls = new JsonObject();
            if (base != null && !base.isBlank()) {
                String path = base + "/api/sessions/" + SessionIds.pathSegment(sessionId);
                urls.put("dim_session_status_url", path + "/status").put("dim_graph_status_url", path + "/graph/status");
            }
            dim.put("session_id", sessionId).put("deploy", new JsonObject()
                    .put("deployed_at", timestamp(deploy.deployedAt()))
                    .put("dim_rest_base", base)
                    .put("verify_ssl", deploy.verifySsl())
                    .put("operator_urls", urls));
            record.put("dim", dim);
        }
        if (!record.isEmpty() || out.containsKey(RUN_RECORD)) {
            out.put(RUN_RECORD, record);
        }
        return out;
    }

    /** RFC 3339 UTC with milliseconds and {@code Z} (10-state §1.3). */
    public static String timestamp(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(RFC3339_MILLIS);
    }

    static String trimTrailingSlashes(String s) {
        if (s == null) {
            return null;
        }
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
