package io.liveloop.fulfillment.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** catalog-service's public shop endpoint, as this service calls it. Used only through {@link CatalogClient}. */
@RegisterRestClient(configKey = "catalog")
@Path("/api/catalog/shops")
@Produces(MediaType.APPLICATION_JSON)
interface CatalogRestClient {

    @GET
    @Path("/{shopId}")
    CatalogShop shop(@PathParam("shopId") UUID shopId, @HeaderParam("Authorization") String authorization);
}
