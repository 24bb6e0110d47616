package io.liveloop.platform.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** A resource that fails in every way a service can, for the problem mapping tests. */
@Path("/test/problems")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemTestResource {

    public record Line(@NotNull String skuId, @Min(1) @Max(99) int quantity) {
    }

    public record Order(@NotBlank String buyerNote, @NotEmpty List<@Valid Line> items) {
    }

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Order create(@Valid Order order) {
        return order;
    }

    @GET
    @Path("/search")
    public List<String> search(@QueryParam("limit") @Min(1) @Max(100) int limit) {
        return List.of();
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw new ProblemException(409, "out-of-stock", "Out of stock", "SKU 42 has 0 available, 3 requested",
                List.of(), Map.of("shortSkus", List.of(Map.of("skuId", "42", "available", 0))));
    }

    @GET
    @Path("/database-down")
    public String databaseDown() {
        throw new IllegalStateException("query failed", new java.sql.SQLException("Sorry, acquisition timeout!"));
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("secret internal detail");
    }
}
