package io.liveloop.catalog.rest;

import io.liveloop.catalog.domain.Product;
import io.liveloop.catalog.domain.Shop;
import io.liveloop.catalog.rest.dto.InternalDtos.ProductView;
import io.liveloop.catalog.rest.dto.InternalDtos.ReservationRequest;
import io.liveloop.catalog.rest.dto.InternalDtos.SkuView;
import io.liveloop.catalog.rest.dto.ProductDtos.AllianceResponse;
import io.liveloop.catalog.rest.dto.ReservationResponse;
import io.liveloop.catalog.service.ProductService;
import io.liveloop.catalog.service.ReservationBatcher;
import io.liveloop.catalog.service.ShopService;
import io.liveloop.catalog.service.StockService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The service-to-service API: order-service reserves (and gives back) stock and asks who owns a shop,
 * livestream-service checks a product before pinning it. Never routed by the gateway; in a cluster, NetworkPolicies admit only those two callers.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalResource {

    private static final String PROBLEM = "application/problem+json";

    private final ReservationBatcher reservations;
    private final StockService stock;
    private final ProductService products;
    private final ShopService shops;

    public InternalResource(ReservationBatcher reservations, StockService stock, ProductService products, ShopService shops) {
        this.reservations = reservations;
        this.stock = stock;
        this.products = products;
        this.shops = shops;
    }

    @POST
    @Path("/reservations")
    @Operation(summary = "Reserve every item or none (order-service); the same reservationId again gets the same answer")
    @APIResponse(responseCode = "201", description = "Reserved (or reserved before under this reservationId)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationResponse.class)))
    @APIResponse(responseCode = "409", description = "out-of-stock (shortSkus lists each short SKU) or not-on-sale",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "reservation-id-reused with other items",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "service-unavailable: too many reservations waiting (Retry-After); retry with the same reservationId",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @ResponseStatus(201) // a replay answers exactly as the first time
    public CompletionStage<ReservationResponse> reserve(@Valid @NotNull ReservationRequest request) {
        // Non-blocking: the request waits for its batch's commit without holding a thread (ReservationBatcher).
        return reservations.reserve(request);
    }

    @DELETE
    @Path("/reservations/{reservationId}")
    @Operation(summary = "Give a hold back at once (order-service, an order refused after reserving); released or unknown: no-op")
    @APIResponse(responseCode = "204", description = "Released, or nothing held")
    @APIResponse(responseCode = "409", description = "illegal-transition: the reservation was confirmed (paid)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Response release(@PathParam("reservationId") UUID reservationId) {
        stock.cancelReservation(reservationId);
        return Response.noContent().build();
    }

    /** Who owns a shop: order-service shows a shop's orders to its owner. */
    public record ShopOwner(UUID id, UUID ownerId) {
    }

    @GET
    @Path("/shops/{shopId}")
    @Operation(summary = "A shop's owner (order-service, fulfillment-service)")
    public ShopOwner shop(@PathParam("shopId") UUID shopId) {
        Shop shop = shops.shop(shopId);
        return new ShopOwner(shop.getId(), shop.getOwnerId());
    }

    @GET
    @Path("/products/{productId}")
    @Operation(summary = "A product as livestream-service needs it to decide whether it may be pinned")
    public ProductView product(@PathParam("productId") UUID productId) {
        Product p = products.existing(productId);
        return new ProductView(p.getId(), p.getShopId(), p.getTitle(),
                p.getImageUrls().isEmpty() ? null : p.getImageUrls().get(0), p.getStatus(), p.getQualityStatus(),
                p.getShipWithinHours(),
                p.getSkus().stream().map(s -> new SkuView(s.getId(), s.getSkuCode(), s.getAttributes(),
                        s.getPriceCents(), s.getAvailable())).toList(),
                AllianceResponse.from(p), products.authorizedHostIds(p.getShopId()));
    }
}
