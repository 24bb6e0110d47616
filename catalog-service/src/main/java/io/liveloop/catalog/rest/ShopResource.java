package io.liveloop.catalog.rest;

import io.liveloop.catalog.rest.dto.ShopDtos.AddHostRequest;
import io.liveloop.catalog.rest.dto.ShopDtos.CreateShopRequest;
import io.liveloop.catalog.rest.dto.ShopDtos.HostResponse;
import io.liveloop.catalog.rest.dto.ShopDtos.ShopResponse;
import io.liveloop.catalog.service.ShopService;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/catalog/shops")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Shops")
@Authenticated
public class ShopResource {

    private final ShopService shops;
    private final CurrentUser user;

    public ShopResource(ShopService shops, CurrentUser user) {
        this.shops = shops;
        this.user = user;
    }

    @POST
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Open a shop (seller)")
    public Response open(@Valid @NotNull CreateShopRequest request, UriInfo uriInfo) {
        ShopResponse shop = ShopResponse.from(shops.openShop(user.id(), request.name(), request.description()));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(shop.id().toString()).build()).entity(shop).build();
    }

    @GET
    @Path("/{shopId}")
    @Operation(summary = "A shop")
    public ShopResponse get(@PathParam("shopId") UUID shopId) {
        return ShopResponse.from(shops.shop(shopId));
    }

    @POST
    @Path("/{shopId}/hosts")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Authorise a host to sell this shop's products live (shop owner)")
    public Response authorizeHost(@PathParam("shopId") UUID shopId, @Valid @NotNull AddHostRequest request) {
        return Response.status(201).entity(HostResponse.from(shops.authorizeHost(shopId, user.id(), request.hostId()))).build();
    }

    @DELETE
    @Path("/{shopId}/hosts/{hostId}")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Withdraw a host's authorisation (shop owner)")
    public Response revokeHost(@PathParam("shopId") UUID shopId, @PathParam("hostId") UUID hostId) {
        shops.revokeHost(shopId, user.id(), hostId);
        return Response.noContent().build();
    }

    @GET
    @Path("/{shopId}/hosts")
    @Operation(summary = "Hosts the shop works with")
    public List<HostResponse> hosts(@PathParam("shopId") UUID shopId) {
        return shops.hosts(shopId).stream().map(HostResponse::from).toList();
    }
}
