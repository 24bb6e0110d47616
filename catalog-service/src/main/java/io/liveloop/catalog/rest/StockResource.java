package io.liveloop.catalog.rest;

import io.liveloop.catalog.rest.dto.ProductDtos.StockResponse;
import io.liveloop.catalog.rest.dto.ProductDtos.StockUpdateRequest;
import io.liveloop.catalog.service.StockService;
import io.liveloop.platform.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/catalog/skus/{skuId}/stock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Stock")
public class StockResource {

    private final StockService stock;
    private final CurrentUser user;

    public StockResource(StockService stock, CurrentUser user) {
        this.stock = stock;
        this.user = user;
    }

    @PUT
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Set the sellable quantity (restock or correction; owner)")
    public StockResponse set(@PathParam("skuId") UUID skuId, @Valid @NotNull StockUpdateRequest request) {
        return stock.setAvailable(skuId, user.id(), request.available());
    }

    @GET
    @RolesAllowed({CurrentUser.SELLER, CurrentUser.ADMIN})
    @Operation(summary = "Available, reserved and sold units (owner, admins)")
    public StockResponse get(@PathParam("skuId") UUID skuId) {
        return stock.level(skuId, user.id(), user.isAdmin());
    }
}
