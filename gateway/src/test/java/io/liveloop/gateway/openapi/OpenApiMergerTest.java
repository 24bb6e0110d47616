package io.liveloop.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiMergerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aComponentThatOnlyDiffersThroughARenamedReferenceIsRenamedToo() throws Exception {
        // Both define Line -> Money; order's Money differs, so order's Line (now pointing at OrderMoney) differs too.
        JsonNode catalog = doc("/api/catalog/x", "listX", """
                {"Money": {"type": "integer"}, "Line": {"type": "object", "properties": {"price": {"$ref": "#/components/schemas/Money"}}}}""");
        JsonNode order = doc("/api/orders/x", "listX", """
                {"Money": {"type": "string"}, "Line": {"type": "object", "properties": {"price": {"$ref": "#/components/schemas/Money"}}}}""");
        ObjectNode merged = OpenApiMerger.merge(doc("/api/auth/token", "signIn", "{}"),
                List.of(new OpenApiMerger.ServiceDocument("catalog-service", "Catalog", catalog),
                        new OpenApiMerger.ServiceDocument("order-service", "Order", order)), List.of(), "http://gw");

        JsonNode schemas = merged.path("components").path("schemas");
        assertThat(schemas.has("Money")).isTrue();
        assertThat(schemas.path("OrderMoney").path("type").asText()).isEqualTo("string");
        assertThat(schemas.path("OrderLine").path("properties").path("price").path("$ref").asText())
                .isEqualTo("#/components/schemas/OrderMoney");
        assertThat(schemas.path("Line").path("properties").path("price").path("$ref").asText())
                .isEqualTo("#/components/schemas/Money");
        // the operation refers to the renamed schema; clashing operation ids get the service's prefix
        JsonNode orderOp = merged.path("paths").path("/api/orders/x").path("get");
        assertThat(orderOp.path("responses").path("200").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/OrderLine");
        assertThat(orderOp.path("operationId").asText()).isEqualTo("orderListX");
        assertThat(merged.path("paths").path("/api/catalog/x").path("get").path("operationId").asText()).isEqualTo("listX");
    }

    private static JsonNode doc(String path, String operationId, String schemas) throws Exception {
        return JSON.readTree("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"%s": {"get": {"operationId": "%s", "responses": {"200": {"description": "ok",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Line"}}}}}}}},
                 "components": {"schemas": %s}}""".formatted(path, operationId, schemas));
    }
}
