package io.liveloop.catalog.rest;

import io.liveloop.catalog.rest.dto.ProductDtos.ProductResponse;
import io.liveloop.catalog.service.ProductService;
import io.liveloop.platform.api.Page;
import io.liveloop.platform.api.PageRequest;
import io.liveloop.platform.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/catalog/alliance/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alliance pool")
public class AllianceResource {

    private final ProductService products;

    public AllianceResource(ProductService products) {
        this.products = products;
    }

    @GET
    @RolesAllowed({CurrentUser.HOST, CurrentUser.ADMIN})
    @Operation(summary = "Products other shops offer to hosts for a commission (sort: commission or newest)")
    public Page<ProductResponse> search(@QueryParam("q") String q,
                                        @QueryParam("minCommissionRateBps") @Min(1) @Max(9000) Integer minCommissionRateBps,
                                        @QueryParam("sort") String sort,
                                        @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(products.searchAlliance(q, minCommissionRateBps, sort, page), ProductResponse::from);
    }
}
