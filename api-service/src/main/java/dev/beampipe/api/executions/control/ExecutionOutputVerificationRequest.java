package dev.beampipe.api.executions.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.beampipe.model.ledger.control.OutputInventoryRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** {@code POST /executions/{id}/outputs/verify} body; strict at every level (20-api §1.5, §2.4). */
@Schema(name = "ExecutionOutputVerificationRequest", requiredProperties = {"schema", "patterns", "pattern_counts",
        "products", "inventory_sha256", "durable_destination_uri", "publication"})
public record ExecutionOutputVerificationRequest(
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String schema,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL) List<String> patterns,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL) Map<String, Long> patternCounts,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL) List<OutputInventoryProduct> products,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String inventorySha256,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String durableDestinationUri,
        @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) OutputPublicationAcknowledgement publication) {

    @Schema(name = "OutputInventoryProduct", requiredProperties = {"path", "bytes", "sha256"})
    public record OutputInventoryProduct(
            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String path,
            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) Long bytes,
            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String sha256) {
    }

    @Schema(name = "OutputPublicationAcknowledgement", requiredProperties = {"acknowledged", "publisher", "receipt_id",
            "published_at"})
    public record OutputPublicationAcknowledgement(
            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) Boolean acknowledged,
            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String publisher,
            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) String receiptId,
            @JsonProperty(required = true) @JsonSetter(nulls = Nulls.FAIL) OffsetDateTime publishedAt) {
    }

    OutputInventoryRules.Inventory toRule() {
        return new OutputInventoryRules.Inventory(schema, patterns, patternCounts,
                products.stream().map(p -> new OutputInventoryRules.Product(p.path(), p.bytes(), p.sha256())).toList(),
                inventorySha256, durableDestinationUri, new OutputInventoryRules.Publication(publication.acknowledged(),
                publication.publisher(), publication.receiptId(), publication.publishedAt()));
    }

    /** The request as the publisher sent it (field names on the wire); its canonical JSON is the artifact digest. */
    JsonObject toJson() {
        JsonObject counts = new JsonObject();
        patternCounts.forEach(counts::put);
        JsonArray items = new JsonArray();
        products.forEach(p -> items.add(new JsonObject().put("path", p.path()).put("bytes", p.bytes()).put("sha256", p.sha256())));
        return new JsonObject().put("schema", schema).put("patterns", new JsonArray(patterns)).put("pattern_counts", counts)
                .put("products", items).put("inventory_sha256", inventorySha256)
                .put("durable_destination_uri", durableDestinationUri)
                .put("publication", new JsonObject().put("acknowledged", publication.acknowledged())
                        .put("publisher", publication.publisher()).put("receipt_id", publication.receiptId())
                        .put("published_at", publication.publishedAt().toInstant().toString()));
    }
}
