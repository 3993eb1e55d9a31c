package dev.beampipe.systemtests.execution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.systemtests.OperatorApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What WALLABY's trusted publisher does once a run's outputs are durable (10-state §5.7, 20-api
 * {@code POST /executions/{id}/outputs/verify}): acknowledges an inventory of two cubes for the execution's source.
 * {@code inventory_sha256} is the SHA-256 of the canonical (key-sorted, compact) JSON of {@code products}.
 */
public final class TrustedPublisher {
    public static final String SCHEMA = "wallaby-hires-output-inventory/v1";

    private TrustedPublisher() {
    }

    public static JsonObject inventory(UUID execution, String source) {
        ArrayNode products = JsonNodeFactory.instance.arrayNode();
        for (String kind : new String[] {"cube", "mom0"}) {
            String path = "wallaby/" + source + "/" + source + "_" + kind + ".fits";
            products.addObject().put("path", path).put("bytes", 4096 + path.length())
                    .put("sha256", StableJson.sha256(JsonNodeFactory.instance.textNode(path)));
        }
        return new JsonObject()
                .put("schema", SCHEMA)
                .put("patterns", new JsonArray().add("wallaby/*/*.fits"))
                .put("pattern_counts", new JsonObject().put("wallaby/*/*.fits", products.size()))
                .put("products", new JsonArray(StableJson.write(products)))
                .put("inventory_sha256", StableJson.sha256(products))
                .put("durable_destination_uri", "s3://wallaby-outputs/" + execution + "/")
                .put("publication", new JsonObject().put("acknowledged", true).put("publisher", "wallaby-system-test")
                        .put("receipt_id", "receipt-" + execution).put("published_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
    }

    /** POSTs the inventory; the reply (200 with {@code execution} and {@code artifact} when accepted). */
    public static OperatorApi.Reply verify(OperatorApi api, UUID execution, String source) {
        return api.send("POST", "/executions/" + execution + "/outputs/verify", inventory(execution, source));
    }
}
