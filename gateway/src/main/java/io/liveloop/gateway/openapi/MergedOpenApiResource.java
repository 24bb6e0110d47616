package io.liveloop.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveloop.gateway.config.ServicesConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.liveloop.platform.openapi.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /openapi}: the services' documents fetched now (a service deployed since is described at once) and
 * merged with the gateway's own. A service that does not answer is left out and named in
 * {@code x-liveloop-unavailable}, so one service down does not hide the others' API.
 */
@Path("/")
@ApplicationScoped
public class MergedOpenApiResource {

    private static final Logger LOG = Logger.getLogger(MergedOpenApiResource.class);
    private static final String DOCUMENT = "/q/openapi?format=json";
    private static final long FETCH_TIMEOUT_MILLIS = 5_000;

    private final ServicesConfig services;
    private final ObjectMapper json;
    private final WebClient client;

    public MergedOpenApiResource(ServicesConfig services, ObjectMapper json, Vertx vertx) {
        this.services = services;
        this.json = json;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) FETCH_TIMEOUT_MILLIS));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @GET
    @Path("openapi")
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Tag(name = "API description", description = "The OpenAPI document of the whole public API")
    @Operation(operationId = "getOpenApi", summary = "The OpenAPI document of the whole public API",
            description = "The four services' documents merged with the gateway's own, with paths as the gateway exposes them.")
    @APIResponse(responseCode = "200", description = "An OpenAPI 3 document")
    @APIResponse(responseCode = "406", description = "Only JSON is served",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = ProblemResponsesFilter.PROBLEM_REF)))
    public Uni<Response> openApi(@Context HttpServerRequest request) {
        String own = "http://" + hostLiteral(request.localAddress().host()) + ":" + request.localAddress().port() + DOCUMENT;
        List<Future<Optional<JsonNode>>> fetches = new ArrayList<>();
        fetches.add(fetch(URI.create(own)));
        List<String[]> upstreams = List.of(
                new String[] {"catalog-service", "Catalog", services.catalogUrl().toString()},
                new String[] {"order-service", "Order", services.orderUrl().toString()},
                new String[] {"livestream-service", "Livestream", services.livestreamUrl().toString()},
                new String[] {"fulfillment-service", "Fulfillment", services.fulfillmentUrl().toString()});
        for (String[] upstream : upstreams) {
            fetches.add(fetch(URI.create(stripSlash(upstream[2]) + DOCUMENT)));
        }
        String serverUrl = request.scheme() + "://" + request.authority();
        Future<Response> merged = Future.join(fetches).map(all -> {
            JsonNode gateway = fetches.get(0).result().orElseThrow(() ->
                    new IllegalStateException("the gateway's own OpenAPI document could not be read from " + own));
            List<OpenApiMerger.ServiceDocument> documents = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < upstreams.size(); i++) {
                Optional<JsonNode> document = fetches.get(i + 1).result();
                if (document.isPresent()) {
                    documents.add(new OpenApiMerger.ServiceDocument(upstreams.get(i)[0], upstreams.get(i)[1], document.get()));
                } else {
                    unavailable.add(upstreams.get(i)[0]);
                }
            }
            return Response.ok(OpenApiMerger.merge(gateway, documents, unavailable, serverUrl), MediaType.APPLICATION_JSON).build();
        });
        return Uni.createFrom().completionStage(merged.toCompletionStage());
    }

    @GET
    @Path("swagger-ui")
    @Operation(hidden = true)
    public Response swaggerUi() {
        return Response.status(Response.Status.FOUND).location(URI.create("/q/swagger-ui/")).build();
    }

    /** The document, or empty when the service does not answer with one in time (logged: the merge goes on without it). */
    private Future<Optional<JsonNode>> fetch(URI url) {
        return client.getAbs(url.toString()).timeout(FETCH_TIMEOUT_MILLIS).putHeader("Accept", MediaType.APPLICATION_JSON).send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        LOG.warnf("OpenAPI document at %s answered %d; left out of GET /openapi", url, response.statusCode());
                        return Optional.<JsonNode>empty();
                    }
                    try {
                        return Optional.of(json.readTree(response.bodyAsString()));
                    } catch (Exception e) {
                        LOG.warnf("OpenAPI document at %s is not JSON (%s); left out of GET /openapi", url, e.getMessage());
                        return Optional.<JsonNode>empty();
                    }
                })
                .otherwise(failure -> {
                    LOG.warnf("OpenAPI document at %s unavailable (%s); left out of GET /openapi", url, failure.toString());
                    return Optional.empty();
                });
    }

    private static String hostLiteral(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
