package io.liveloop.order.rest;

import io.liveloop.order.rest.dto.OrderDtos.CancelRequest;
import io.liveloop.order.rest.dto.OrderDtos.CreateOrderRequest;
import io.liveloop.order.rest.dto.OrderDtos.OrderResponse;
import io.liveloop.order.rest.dto.PaymentDtos.CreatePaymentRequest;
import io.liveloop.order.rest.dto.PaymentDtos.PaymentView;
import io.liveloop.order.service.IdempotentRequests;
import io.liveloop.order.service.OrderService;
import io.liveloop.order.service.PaymentService;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Orders")
@Authenticated
public class OrderResource {

    private static final String PROBLEM = "application/problem+json";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderService orders;
    private final PaymentService payments;
    private final CurrentUser user;

    public OrderResource(OrderService orders, PaymentService payments, CurrentUser user) {
        this.orders = orders;
        this.payments = payments;
        this.user = user;
    }

    @POST
    @RolesAllowed(CurrentUser.BUYER)
    @Operation(summary = "Place an order (buyer): priced by the server, stock reserved, waiting for payment until payBy")
    @APIResponse(responseCode = "201", description = "Placed (or, for a repeated Idempotency-Key and body, the first answer again)")
    @APIResponse(responseCode = "409", description = "out-of-stock (shortSkus), not-on-sale, purchase-limit-exceeded; "
            + "idempotency-key-in-use (another request with the key is being processed, Retry-After: retry with the same key)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "multiple-shops, unknown-sku, idempotency-key-reused",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "catalog-unavailable; service-unavailable (too many orders being "
            + "placed at once, Retry-After): retry with the same Idempotency-Key",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Uni<Response> place(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                               @Valid @NotNull CreateOrderRequest request, UriInfo uriInfo,
                               @Context HttpServerResponse response) {
        // Not blocking: the body is read and the token checked on the event loop, and the placement (blocking ORM
        // code and catalog's reservation) runs on a worker thread once its turn comes (OrderService#place, a
        // bulkhead with a queue). Waiting placements hold no thread; a blocking resource held a worker thread for
        // each, and in a flash sale most of the pool then sat in blocking reads of request bodies.
        String key = IdempotentRequests.requireKey(idempotencyKey);
        UUID buyerId = user.id();
        UriBuilder location = uriInfo.getBaseUriBuilder().path("api/orders");
        return Uni.createFrom().completionStage(() -> orders.place(buyerId, key, request, response::closed))
                .map(answer -> created(answer, location.clone()));
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "An order (its buyer, the shop's owner, admins)")
    public OrderResponse get(@PathParam("orderId") UUID orderId) {
        return OrderResponse.from(orders.visibleOrder(orderId, user));
    }

    @GET
    @Operation(summary = "Orders, newest first: a buyer's own; a seller's shop's with ?shopId=")
    public Page<OrderResponse> list(@QueryParam("status") String status, @QueryParam("shopId") UUID shopId,
                                    @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return orders.list(user, shopId, status, PageRequest.of(limit, cursor));
    }

    @POST
    @Path("/{orderId}/payments")
    @RolesAllowed(CurrentUser.BUYER)
    @Operation(summary = "Pay an order (its buyer); the provider's signed callback decides the outcome")
    @APIResponse(responseCode = "201", description = "The PENDING payment")
    public Response pay(@PathParam("orderId") UUID orderId, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                        @Valid @NotNull CreatePaymentRequest request, UriInfo uriInfo) {
        String key = IdempotentRequests.requireKey(idempotencyKey);
        IdempotentRequests.Answer answer = payments.startPayment(orderId, user.id(), key, request);
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", answer.replayed() ? "true" : null).build();
    }

    @GET
    @Path("/{orderId}/payments")
    @Operation(summary = "The order's payments and their refunds (whoever may see the order)")
    public java.util.List<PaymentView> payments(@PathParam("orderId") UUID orderId) {
        return payments.paymentsOf(orders.visibleOrder(orderId, user));
    }

    @POST
    @Path("/{orderId}/cancel")
    @RolesAllowed(CurrentUser.BUYER)
    @Operation(summary = "Cancel (its buyer): unpaid → CANCELLED, paid and not yet picked up → REFUNDED")
    public OrderResponse cancel(@PathParam("orderId") UUID orderId, @Valid CancelRequest request) {
        return OrderResponse.from(orders.cancel(orderId, user.id(), request == null ? null : request.reason()));
    }

    @POST
    @Path("/{orderId}/confirm-receipt")
    @RolesAllowed(CurrentUser.BUYER)
    @Operation(summary = "Confirm the parcel arrived (its buyer): DELIVERED → COMPLETED")
    public OrderResponse confirmReceipt(@PathParam("orderId") UUID orderId) {
        return OrderResponse.from(orders.confirmReceipt(orderId, user.id()));
    }

    private static Response created(IdempotentRequests.Answer answer, UriBuilder orders) {
        return Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON)
                .location(orders.path(answer.resourceId().toString()).build())
                .header("Idempotent-Replayed", answer.replayed() ? "true" : null).build();
    }
}
