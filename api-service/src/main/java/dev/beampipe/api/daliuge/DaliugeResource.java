package dev.beampipe.api.daliuge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.canonical.StableJson;
import dev.beampipe.model.daliuge.DaliugeEndpoints;
import dev.beampipe.model.daliuge.DaliugeException;
import dev.beampipe.model.daliuge.OperatorInspection;
import dev.beampipe.model.db.Database;
import dev.beampipe.model.profile.ProfileStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Live DALiuGE inspection from the API process (20-api §2.8, §8 item 24: the API needs to reach the TM and DIM).
 * Read-only GETs with a 5 s timeout, made whatever {@code BEAMPIPE_USE_REAL_BACKENDS} says: they have no side
 * effect. Failures are 502 {@code daliuge.<kind>}.
 */
@Path("/api/v2/daliuge")
@Tag(name = "daliuge")
@Produces(MediaType.APPLICATION_JSON)
public class DaliugeResource {
    static final String NO_TM = "DALiuGE Translator Manager URL is not configured in settings or profile";
    static final String NO_DIM = "DALiuGE Data Island Manager URL is not configured for this profile";

    private final OperatorProfiles profiles;
    private final OperatorInspection inspector;
    private final Config config;

    public DaliugeResource(Database db, Config config) {
        this.profiles = new OperatorProfiles(new ProfileStore(db, StableJson::sha256));
        this.inspector = new OperatorInspection();
        this.config = config;
    }

    @GET
    @Path("inspect")
    @Operation(operationId = "daliuge_inspect", summary = "Inspect DALiuGE",
            description = "Ask the Translator Manager for its submission methods and the Data Island Manager for its nodes and sessions.")
    @APIResponse(responseCode = "200", description = "Both managers answered",
            content = @Content(schema = @Schema(implementation = DaliugeInspectResponse.class)))
    @APIResponse(responseCode = "400", description = "No Translator Manager URL in the profile or settings",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "The named profile does not exist",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "502", description = "A DALiuGE manager is unreachable or answered badly (daliuge.*)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public DaliugeInspectResponse inspect(@QueryParam("profile") String profile) {
        DaliugeEndpoints endpoints = endpoints(profile);
        if (endpoints.tmUrl() == null) {
            throw ApiErrors.badRequest(NO_TM);
        }
        try {
            JsonNode translator = inspector.translator(endpoints);
            JsonNode manager = endpoints.dimUrl() == null ? null : inspector.manager(endpoints);
            return new DaliugeInspectResponse(endpoints.profile(), translator, manager);
        } catch (DaliugeException e) {
            throw DaliugeErrors.toApi(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.badRequest("interrupted while inspecting DALiuGE");
        }
    }

    @GET
    @Path("sessions")
    @Operation(operationId = "daliuge_sessions", summary = "List DALiuGE sessions",
            description = "The Data Island Manager's sessions as it reports them: [{sessionId, status, size}].")
    @APIResponse(responseCode = "200", description = "The DIM's sessions")
    @APIResponse(responseCode = "400", description = "No Data Island Manager URL for this profile",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "404", description = "The named profile does not exist",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "502", description = "The DIM is unreachable or answered badly (daliuge.*)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public JsonNode sessions(@QueryParam("profile") String profile) {
        DaliugeEndpoints endpoints = endpoints(profile);
        if (endpoints.dimUrl() == null) {
            throw ApiErrors.badRequest(NO_DIM);
        }
        try {
            return inspector.sessions(endpoints);
        } catch (DaliugeException e) {
            throw DaliugeErrors.toApi(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.badRequest("interrupted while inspecting DALiuGE");
        }
    }

    private DaliugeEndpoints endpoints(String profile) {
        return DaliugeEndpoints.of(profiles.resolve(profile), setting("BEAMPIPE_TM_URL"), setting("BEAMPIPE_DIM_URL"));
    }

    private String setting(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }
}
