package dev.beampipe.api.docs;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.Map;
import java.util.Set;

/**
 * Documents authentication the way the reference's committed document does (20-api §2.11): a {@code BearerAuth}
 * scheme, {@code security} on every non-public operation, and the generic {@code 401}/{@code 403}
 * {@code ApiErrorResponse} responses, plus a {@code 400} on every operation with a body.
 */
public class SecurityDocumentation implements OASFilter {
    static final Set<String> PUBLIC = Set.of("health", "health_tap", "login", "refresh", "logout", "ready");
    private static final String ERROR_REF = "#/components/schemas/ApiErrorResponse";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSecurityScheme("BearerAuth", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer"));
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                document(entry.getValue());
            }
        }
    }

    private static void document(Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", "Bad request");
        }
        if (operation.getOperationId() != null && PUBLIC.contains(operation.getOperationId())) {
            return;
        }
        SecurityRequirement bearer = OASFactory.createSecurityRequirement().addScheme("BearerAuth");
        operation.setSecurity(java.util.List.of(bearer));
        addIfAbsent(responses, "401", "Missing or invalid bearer token");
        addIfAbsent(responses, "403", "Authenticated but not permitted");
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing != null && existing.getContent() != null && !existing.getContent().getMediaTypes().isEmpty()) {
            return;
        }
        Content content = OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_REF)));
        if (existing != null) {
            existing.setContent(content);
            return;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(content));
    }

}
