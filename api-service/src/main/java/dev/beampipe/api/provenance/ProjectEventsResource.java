package dev.beampipe.api.provenance;

import dev.beampipe.api.paging.LimitOffset;
import dev.beampipe.model.db.Database;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The provenance feed of one project module (20-api §2.3, §1.6: limit default 50, clamp 1..500), newest first. */
@Path("/api/v2/projects/{module}/events")
@Tag(name = "provenance")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectEventsResource {
    private final ProvenanceFeed feed;

    public ProjectEventsResource(Database db) {
        this.feed = new ProvenanceFeed(db);
    }

    @GET
    @Operation(operationId = "list_project_events", summary = "List project events",
            description = "Paginated provenance feed for a project module.")
    @APIResponse(responseCode = "200", description = "Events, newest first (an unknown module has none)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProvenanceEventResponse.class)))
    public List<ProvenanceEventResponse> list(@Parameter(description = "Project module name") @PathParam("module") String module,
                                              @QueryParam("limit") Long limit, @QueryParam("offset") Long offset) {
        LimitOffset page = LimitOffset.of(limit, offset, 50);
        return feed.forProject(module, page.limit(), page.offset());
    }
}
