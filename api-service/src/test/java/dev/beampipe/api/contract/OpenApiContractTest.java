package dev.beampipe.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beampipe.api.testing.ApiTestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, acceptance 1: every operation of the reference's {@code openapi.json} exists in ours with the same
 * method, path and operation id, and the property names of its request and response bodies are a superset of the
 * reference's.
 */
@QuarkusTest
@WithTestResource(ApiTestDatabase.class)
class OpenApiContractTest {
    /** Authenticated in the reference, public in beampipe (decision 11: Kubernetes probes use it). */
    static final Set<String> PUBLIC_BY_DECISION = Set.of("ready");
    static JsonNode reference;
    JsonNode ours;

    @BeforeAll
    static void loadReference() {
        reference = ReferenceOpenApi.load();
    }

    JsonNode ours() throws Exception {
        if (ours == null) {
            ours = new ObjectMapper().readTree(given().get("/api/v2/openapi.json").then().statusCode(200).extract().asString());
        }
        return ours;
    }

    @Test
    void theReferenceHas76Operations() {
        assertThat(ReferenceOpenApi.operations(reference)).hasSize(76);
    }

    @Test
    void everyReferenceOperationExistsWithTheSameOperationId() throws Exception {
        List<String> missing = new ArrayList<>();
        for (ReferenceOpenApi.Operation op : ReferenceOpenApi.operations(reference)) {
            JsonNode mine = ours().path("paths").path(op.path()).path(op.method());
            if (mine.isMissingNode()) {
                missing.add(op + " (missing)");
            } else if (!op.id().equals(mine.path("operationId").asText())) {
                missing.add(op + " (operationId " + mine.path("operationId").asText() + ", expected " + op.id() + ")");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void requestBodiesHaveAtLeastTheReferencesProperties() throws Exception {
        List<String> gaps = new ArrayList<>();
        for (ReferenceOpenApi.Operation op : ReferenceOpenApi.operations(reference)) {
            JsonNode refSchema = ReferenceOpenApi.jsonSchema(op.node().path("requestBody").path("content"));
            if (refSchema == null) {
                continue;
            }
            Set<String> expected = ReferenceOpenApi.properties(reference, refSchema);
            JsonNode mine = ours().path("paths").path(op.path()).path(op.method()).path("requestBody").path("content");
            JsonNode mySchema = ReferenceOpenApi.jsonSchema(mine);
            Set<String> actual = mySchema == null ? Set.of() : ReferenceOpenApi.properties(ours(), mySchema);
            Set<String> lacking = new TreeSet<>(expected);
            lacking.removeAll(actual);
            if (!lacking.isEmpty()) {
                gaps.add(op + " request lacks " + lacking);
            }
        }
        assertThat(gaps).isEmpty();
    }

    @Test
    void responseBodiesHaveAtLeastTheReferencesProperties() throws Exception {
        List<String> gaps = new ArrayList<>();
        for (ReferenceOpenApi.Operation op : ReferenceOpenApi.operations(reference)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> response = it.next();
                if (PUBLIC_BY_DECISION.contains(op.id()) && Set.of("401", "403").contains(response.getKey())) {
                    continue;
                }
                JsonNode refSchema = ReferenceOpenApi.jsonSchema(response.getValue().path("content"));
                if (refSchema == null) {
                    continue;
                }
                Set<String> expected = ReferenceOpenApi.properties(reference, refSchema);
                JsonNode mine = ours().path("paths").path(op.path()).path(op.method()).path("responses")
                        .path(response.getKey()).path("content");
                JsonNode mySchema = ReferenceOpenApi.jsonSchema(mine);
                Set<String> actual = mySchema == null ? Set.of() : ReferenceOpenApi.properties(ours(), mySchema);
                Set<String> lacking = new TreeSet<>(expected);
                lacking.removeAll(actual);
                if (!lacking.isEmpty()) {
                    gaps.add(op + " " + response.getKey() + " lacks " + lacking);
                }
            }
        }
        assertThat(gaps).isEmpty();
    }
}
