package io.liveloop.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * Documents the problem responses every LiveLoop API operation can give: adds the {@code Problem} schema
 * (RFC 9457) and, to each operation that does not declare them itself, 400, 401, 403, 404 and 500 as
 * {@code application/problem+json}. Operations declare their own 409 and 422 with a reference to
 * {@code #/components/schemas/Problem}. Services enable it with {@code mp.openapi.filter}.
 */
public class ProblemResponsesFilter implements OASFilter {

    public static final String PROBLEM_REF = "#/components/schemas/Problem";

    private static final Map<String, String> COMMON = Map.of(
            "400", "Invalid input: errors[] names each field and what is wrong",
            "401", "Not signed in, or the token is expired, forged or from another issuer",
            "403", "Signed in with a role that may not do this",
            "404", "No such resource, or not visible to the caller",
            "500", "A bug: quote the requestId when reporting it");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/") || path.startsWith("/webhooks/") || path.startsWith("/internal/")) {
                item.getOperations().values().forEach(ProblemResponsesFilter::addCommonResponses);
            }
        });
    }

    private static void addCommonResponses(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        for (Map.Entry<String, String> common : COMMON.entrySet()) {
            if (responses.getAPIResponse(common.getKey()) == null) {
                responses.addAPIResponse(common.getKey(), OASFactory.createAPIResponse()
                        .description(common.getValue())
                        .content(OASFactory.createContent().addMediaType("application/problem+json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)))));
            }
        }
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string).addProperty("message", string);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; extension members may follow")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", string)
                .addProperty("instance", string)
                .addProperty("requestId", string)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}
