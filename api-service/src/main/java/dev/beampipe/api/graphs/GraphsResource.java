package dev.beampipe.api.graphs;

import dev.beampipe.api.errors.ApiErrorResponse;
import dev.beampipe.api.errors.ApiErrors;
import dev.beampipe.model.config.prepare.GraphPreparation;
import dev.beampipe.model.config.prepare.GraphPreparationException;
import dev.beampipe.model.config.prepare.PreparedGraph;
import dev.beampipe.api.projects.GraphBase;
import dev.beampipe.model.config.graph.GraphSource;
import dev.beampipe.model.db.Database;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Deterministic graph preview for a module and sources (20-api §2.4); any authenticated user, rate limited. */
@Path("/api/v2/graphs/prepare")
@Tag(name = "graphs")
@Produces(MediaType.APPLICATION_JSON)
public class GraphsResource {
    private final GraphPreparation preparation;

    public GraphsResource(Database db) {
        this.preparation = new GraphPreparation(db, new GraphSource(GraphBase.directory()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "prepare_graph", summary = "Prepare graph",
            description = "Build the manifest, source graph and patched graph from the active project config and the "
                    + "stored archive metadata of the selected sources. Nothing is stored.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = GraphPrepareRequest.class)))
    @APIResponse(responseCode = "200", description = "The prepared documents and their SHA-256 digests",
            content = @Content(schema = @Schema(implementation = GraphPrepareResponse.class)))
    @APIResponse(responseCode = "400", description = "Blank module, no sources, or a config/manifest/graph error (message)",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    @APIResponse(responseCode = "422", description = "Missing field or wrong type",
            content = @Content(schema = @Schema(implementation = ApiErrorResponse.class)))
    public GraphPrepareResponse prepare(GraphPrepareRequest body) {
        ApiErrors.requireBody(body);
        try {
            PreparedGraph p = preparation.prepare(body.projectModule(), body.sourceIdentifiers());
            return new GraphPrepareResponse(p.projectModule(), p.sourceIdentifiers(), p.projectConfigId(),
                    p.projectConfigVersion(), p.projectSpecSha256(), p.manifestSha256(), p.sourceGraphSha256(),
                    p.patchedGraphSha256(), p.patchSummary(), p.manifest(), p.sourceGraph(), p.patchedGraph());
        } catch (GraphPreparationException e) {
            throw ApiErrors.badRequest(e.getMessage());
        }
    }
}
