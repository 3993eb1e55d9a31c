package dev.beampipe.api.testing;

import dev.beampipe.model.db.Database;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.UUID;

/**
 * Test-only routes for behaviour no production endpoint exercises yet: typed path and query parameters, a
 * strict body type, unexpected and database exceptions.
 */
@Path("/api/v2/test-probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {
    public static final String SECRET_TEXT = "hunter2-internal-detail";

    private final Database db;

    public ProbeResource(Database db) {
        this.db = db;
    }

    public record StrictBody(String name, int count) {
    }

    @GET
    @Path("/items/{id}")
    public Map<String, Object> item(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
                                    @QueryParam("flag") Boolean flag) {
        return Map.of("id", id.toString(), "limit", limit == null ? -1 : limit, "flag", flag != null && flag);
    }

    @POST
    @Path("/strict")
    @Consumes(MediaType.APPLICATION_JSON)
    public StrictBody strict(StrictBody body) {
        return body;
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException(SECRET_TEXT);
    }

    @GET
    @Path("/db-boom")
    public long dbBoom() {
        return db.sql().count("SELECT count(*) FROM no_such_table_" + SECRET_TEXT.replace('-', '_'));
    }
}
