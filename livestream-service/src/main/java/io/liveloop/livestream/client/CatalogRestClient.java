package io.liveloop.livestream.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** catalog-service's internal API; used only through {@link CatalogClient}. */
@RegisterRestClient(configKey = "catalog")
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
interface CatalogRestClient {

    @GET
    @Path("/products/{productId}")
    CatalogProduct product(@PathParam("productId") UUID productId);
}
