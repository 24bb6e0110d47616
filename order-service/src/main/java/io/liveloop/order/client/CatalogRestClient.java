package io.liveloop.order.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** catalog-service's internal API as order-service calls it; only {@link CatalogClient} uses it. */
@RegisterRestClient(configKey = "catalog")
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface CatalogRestClient {

    @POST
    @Path("/reservations")
    CatalogReservation reserve(CatalogReservation.Request request);

    @DELETE
    @Path("/reservations/{reservationId}")
    void release(@PathParam("reservationId") UUID reservationId);

    @GET
    @Path("/shops/{shopId}")
    CatalogShop shop(@PathParam("shopId") UUID shopId);

    /** 4xx: catalog refused what we asked (CatalogClient says what it means here); 5xx: catalog is in trouble. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        if (response.getStatus() >= 500) {
            return new CatalogUnavailableException("catalog answered " + response.getStatus() + ": " + body);
        }
        return new CatalogRejection(response.getStatus(), body);
    }
}
