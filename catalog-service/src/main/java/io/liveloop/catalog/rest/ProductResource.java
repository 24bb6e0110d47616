package io.liveloop.catalog.rest;

import io.liveloop.catalog.domain.ProductStatus;
import io.liveloop.catalog.domain.QualityStatus;
import io.liveloop.catalog.rest.dto.ProductDtos.AllianceRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.CreateProductRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.ProductResponse;
import io.liveloop.catalog.rest.dto.ProductDtos.QualityCheckRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.QualityCheckResponse;
import io.liveloop.catalog.rest.dto.ProductDtos.SkuRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.UpdateProductRequest;
import io.liveloop.catalog.rest.dto.ProductDtos.UpdateSkuRequest;
import io.liveloop.catalog.service.ProductService;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/catalog/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
@Authenticated
public class ProductResource {

    private static final String PROBLEM = "application/problem+json";

    private final ProductService products;
    private final CurrentUser user;

    public ProductResource(ProductService products, CurrentUser user) {
        this.products = products;
        this.user = user;
    }

    @POST
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Create a product with its SKUs in one of your shops (starts as DRAFT, quality PENDING)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "422", description = "outbound-link: a text carries a link to another store, or an image is off the media host",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Response create(@Valid @NotNull CreateProductRequest request, UriInfo uriInfo) {
        ProductResponse product = ProductResponse.from(products.create(user.id(), request));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(product.id().toString()).build())
                .entity(product).build();
    }

    @GET
    @Operation(summary = "Search products: q matches title and description (Chinese included), ranked by relevance")
    public Page<ProductResponse> search(@QueryParam("q") String q, @QueryParam("shopId") UUID shopId,
                                        @QueryParam("status") ProductStatus status,
                                        @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(products.search(q, shopId, status, page, user), ProductResponse::from);
    }

    @GET
    @Path("/{productId}")
    @Operation(summary = "A product: ON_SALE for anyone signed in; drafts and delisted ones for the owner and admins")
    public ProductResponse get(@PathParam("productId") UUID productId) {
        return ProductResponse.from(products.visible(productId, user));
    }

    @PATCH
    @Path("/{productId}")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Change title, description, images or ship-within hours (owner)")
    @APIResponse(responseCode = "422", description = "outbound-link",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public ProductResponse update(@PathParam("productId") UUID productId, @Valid @NotNull UpdateProductRequest request) {
        return ProductResponse.from(products.update(productId, user.id(), request));
    }

    @POST
    @Path("/{productId}/skus")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Add a SKU (owner)")
    @APIResponse(responseCode = "201", description = "The product with its new SKU")
    @APIResponse(responseCode = "409", description = "duplicate-sku-code",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "outbound-link",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Response addSku(@PathParam("productId") UUID productId, @Valid @NotNull SkuRequest request) {
        return Response.status(201).entity(ProductResponse.from(products.addSku(productId, user.id(), request))).build();
    }

    @PATCH
    @Path("/{productId}/skus/{skuId}")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Change a SKU's price or attributes (owner)")
    @APIResponse(responseCode = "422", description = "outbound-link",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public ProductResponse updateSku(@PathParam("productId") UUID productId, @PathParam("skuId") UUID skuId,
                                     @Valid @NotNull UpdateSkuRequest request) {
        return ProductResponse.from(products.updateSku(productId, skuId, user.id(), request));
    }

    @POST
    @Path("/{productId}/quality-checks")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "Record a quality check (admin); a failed check delists an on-sale product")
    @APIResponse(responseCode = "201", description = "Recorded")
    public Response qualityCheck(@PathParam("productId") UUID productId, @Valid @NotNull QualityCheckRequest request) {
        QualityStatus result = QualityStatus.valueOf(request.result().name());
        return Response.status(201).entity(QualityCheckResponse.from(
                products.recordQualityCheck(productId, user.id(), result, request.notes()))).build();
    }

    @GET
    @Path("/{productId}/quality-checks")
    @Operation(summary = "The product's quality-check history, newest first")
    public List<QualityCheckResponse> qualityChecks(@PathParam("productId") UUID productId) {
        return products.qualityChecks(productId, user).stream().map(QualityCheckResponse::from).toList();
    }

    @POST
    @Path("/{productId}/publish")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Put the product on sale (owner); needs a passed quality check")
    @APIResponse(responseCode = "409", description = "quality-check-required, or illegal-transition",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public ProductResponse publish(@PathParam("productId") UUID productId) {
        return ProductResponse.from(products.publish(productId, user.id()));
    }

    @POST
    @Path("/{productId}/delist")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Take the product off the shelf (owner)")
    @APIResponse(responseCode = "409", description = "illegal-transition",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public ProductResponse delist(@PathParam("productId") UUID productId) {
        return ProductResponse.from(products.delist(productId, user.id()));
    }

    @PUT
    @Path("/{productId}/alliance")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "List an on-sale product in the alliance pool at a commission rate (owner)")
    @APIResponse(responseCode = "409", description = "not-on-sale",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public ProductResponse listInAlliance(@PathParam("productId") UUID productId, @Valid @NotNull AllianceRequest request) {
        return ProductResponse.from(products.listInAlliance(productId, user.id(), request.commissionRateBps()));
    }

    @DELETE
    @Path("/{productId}/alliance")
    @RolesAllowed(CurrentUser.SELLER)
    @Operation(summary = "Take the product out of the alliance pool (owner)")
    public ProductResponse unlistFromAlliance(@PathParam("productId") UUID productId) {
        return ProductResponse.from(products.unlistFromAlliance(productId, user.id()));
    }
}
