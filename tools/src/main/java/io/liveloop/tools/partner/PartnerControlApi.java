package io.liveloop.tools.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulator's control API, for the demo and for a person with curl (JSON in, JSON out), on the simulator's own
 * port beside {@code /webhooks}:
 *
 * <pre>
 * GET    /partner                    who it is (partner id, gateway), whether it is down, auto-tracking, counts
 * GET    /partner/received           accepted webhooks (?orderId=, ?type=) and refused ones
 * POST   /partner/track              {"shipmentId": "...", "type": "picked_up"}: sign and post tracking to LiveLoop
 * PUT    /partner/outage             {"status": 500}: answer every webhook with it, without looking
 * DELETE /partner/outage             recover
 * PUT    /partner/auto-track         {"stepSeconds": 5}: walk each requested parcel to the door by itself
 * DELETE /partner/auto-track         stop doing that
 * POST   /partner/reload             read the partner id and secret from the credentials file now
 * </pre>
 */
final class PartnerControlApi {

    private final PartnerSimulator simulator;
    private final Runnable reload;
    private final ObjectMapper json;

    private PartnerControlApi(PartnerSimulator simulator, Runnable reload) {
        this.simulator = simulator;
        this.reload = reload;
        this.json = simulator.json();
    }

    /** Adds the {@code /partner} routes to the simulator's server. */
    static void install(PartnerSimulator simulator, Runnable reload) {
        PartnerControlApi api = new PartnerControlApi(simulator, reload);
        simulator.addContext("/partner", api::handle);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            String method = exchange.getRequestMethod();
            try {
                JsonNode answer = switch (method + " " + path) {
                    case "GET /partner" -> status();
                    case "GET /partner/received" -> received(query(exchange));
                    case "POST /partner/track" -> track(body(exchange));
                    case "PUT /partner/outage", "POST /partner/outage" -> outage(body(exchange));
                    case "DELETE /partner/outage" -> recover();
                    case "PUT /partner/auto-track", "POST /partner/auto-track" -> autoTrack(body(exchange));
                    case "DELETE /partner/auto-track" -> stopAutoTrack();
                    case "POST /partner/reload" -> reload();
                    default -> null;
                };
                if (answer == null) {
                    PartnerSimulator.answer(exchange, 404, error("no such control route: " + method + " " + path
                            + " (GET /partner, GET /partner/received, POST /partner/track, PUT|DELETE /partner/outage, "
                            + "PUT|DELETE /partner/auto-track, POST /partner/reload)"));
                } else {
                    PartnerSimulator.answer(exchange, 200, json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                PartnerSimulator.answer(exchange, 400, error(e.getMessage()));
            } catch (RuntimeException e) {
                PartnerSimulator.answer(exchange, 502, error(e.getMessage()));
            }
        }
    }

    private JsonNode status() {
        ObjectNode status = json.createObjectNode();
        status.put("partnerId", simulator.partnerId());
        status.put("configured", simulator.hasSecret() && simulator.partnerId() != null);
        status.put("gateway", simulator.gateway());
        status.put("webhookUrl", simulator.url());
        status.put("down", simulator.outageStatus() != 0);
        if (simulator.outageStatus() != 0) {
            status.put("answering", simulator.outageStatus());
        }
        Duration step = simulator.autoTrackStep();
        if (step == null) {
            status.putNull("autoTrackStepSeconds");
        } else {
            status.put("autoTrackStepSeconds", step.toSeconds());
        }
        status.put("received", simulator.receivedCount());
        status.put("accepted", simulator.accepted().size());
        status.put("refused", simulator.refusedCount());
        status.put("duplicates", simulator.duplicateCount());
        status.put("answeredWhileDown", simulator.outageAnswerCount());
        return status;
    }

    private JsonNode received(Map<String, String> query) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (ReceivedWebhook webhook : simulator.accepted()) {
            if (query.containsKey("orderId") && !query.get("orderId").equals(webhook.orderId())) {
                continue;
            }
            if (query.containsKey("type") && !PartnerSimulator.wireType(query.get("type")).equals(webhook.type())) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.put("webhookId", webhook.webhookId());
            item.put("type", webhook.type());
            item.put("receivedAt", webhook.receivedAt().toString());
            item.put("signatureVerified", true);
            item.put("shipmentId", webhook.shipmentId());
            item.put("orderId", webhook.orderId());
            if (webhook.shipmentId() != null) {
                item.put("trackingNumber", simulator.trackingNumber(webhook.shipmentId()));
            }
            item.set("body", webhook.json());
        }
        ArrayNode refused = answer.putArray("refused");
        simulator.refused().forEach(r -> refused.addObject()
                .put("at", r.at().toString()).put("webhookId", r.webhookId()).put("reason", r.reason()));
        return answer;
    }

    private JsonNode track(JsonNode body) {
        String shipmentId = required(body, "shipmentId");
        String type = required(body, "type");
        PartnerSimulator.TrackResult result = simulator.track(type, shipmentId);
        ObjectNode answer = json.createObjectNode();
        answer.put("type", result.type());
        answer.put("shipmentId", result.shipmentId());
        answer.put("trackingNumber", simulator.trackingNumber(shipmentId));
        answer.put("webhookId", result.webhookId());
        answer.put("liveloopStatus", result.status());
        JsonNode response = parse(result.response());
        if (response != null) {
            answer.set("liveloopAnswer", response);
        } else {
            answer.put("liveloopAnswer", result.response());
        }
        return answer;
    }

    private JsonNode outage(JsonNode body) {
        simulator.respondWith(body.path("status").asInt(500));
        return status();
    }

    private JsonNode recover() {
        simulator.recover();
        return status();
    }

    private JsonNode autoTrack(JsonNode body) {
        long seconds = body.path("stepSeconds").asLong(5);
        if (seconds < 1 || seconds > 3600) {
            throw new IllegalArgumentException("stepSeconds must be 1 to 3600");
        }
        simulator.autoTrack(Duration.ofSeconds(seconds));
        return status();
    }

    private JsonNode stopAutoTrack() {
        simulator.stopAutoTrack();
        return status();
    }

    private JsonNode reload() {
        reload.run();
        return status();
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
    }

    private JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return value;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private String error(String message) {
        return json.createObjectNode().put("error", message == null ? "failed" : message).toString();
    }
}
