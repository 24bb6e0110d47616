package io.liveloop.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents and the gateway's own into the one document clients read. Paths are
 * taken as they are (the services already serve the gateway's paths); only public ones are kept ({@code /api/**},
 * {@code /webhooks/**}). A component that two services define differently is renamed with the service's prefix
 * (catalog's {@code Item} stays, order's becomes {@code OrderItem}) and that service's references follow it;
 * identical components (e.g. platform's {@code Problem}) are kept once. Bearer-token security is declared once,
 * and lifted from the operations that need no token.
 */
public final class OpenApiMerger {

    /** One service's document; {@code prefix} names its renamed components (e.g. {@code Order}). */
    public record ServiceDocument(String service, String prefix, JsonNode document) {
    }

    static final String BEARER = "bearerToken";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiMerger() {
    }

    public static ObjectNode merge(JsonNode gateway, List<ServiceDocument> services, List<String> unavailable, String serverUrl) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.put("openapi", gateway.path("openapi").asText("3.1.0"));
        ObjectNode info = merged.putObject("info");
        info.put("title", "LiveLoop API");
        info.put("version", gateway.path("info").path("version").asText("0.1.0"));
        info.put("description", "Every public operation of LiveLoop, served through the gateway. Send "
                + "`Authorization: Bearer <token>` on every /api/** call except POST /api/auth/token; webhooks are "
                + "authenticated by their Standard Webhooks signature instead. Errors are RFC 9457 problems.");
        info.putObject("license").put("name", "Proprietary").put("url", "https://liveloop.example/terms");
        merged.putArray("servers").addObject().put("url", serverUrl).put("description", "The gateway");
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-liveloop-unavailable");
            unavailable.forEach(missing::add);
        }
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        Map<String, ObjectNode> tags = new LinkedHashMap<>();
        Set<String> operationIds = new HashSet<>();

        List<ServiceDocument> all = new ArrayList<>();
        all.add(new ServiceDocument("gateway", "Gateway", gateway));
        all.addAll(services);
        for (ServiceDocument source : all) {
            JsonNode document = source.document().deepCopy();
            renameClashingComponents(document, components, source.prefix());
            copyComponents(document.path("components"), components);
            copyPaths(document.path("paths"), paths, source, operationIds);
            for (JsonNode tag : document.path("tags")) {
                tags.putIfAbsent(tag.path("name").asText(), (ObjectNode) tag);
            }
        }
        Set<String> usedTags = new HashSet<>();
        paths.elements().forEachRemaining(item -> item.elements().forEachRemaining(op ->
                op.path("tags").elements().forEachRemaining(tag -> usedTags.add(tag.asText()))));
        tags.keySet().retainAll(usedTags);
        if (!tags.isEmpty()) {
            ArrayNode tagList = merged.putArray("tags");
            tags.values().forEach(tagList::add);
        }
        declareBearerSecurity(merged, components);
        return merged;
    }

    /** Renames, until nothing clashes: renaming one component changes those that refer to it, which may then clash. */
    private static void renameClashingComponents(JsonNode document, ObjectNode merged, String prefix) {
        JsonNode own = document.path("components");
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Iterator<Map.Entry<String, JsonNode>> sections = own.fields(); sections.hasNext(); ) {
                Map.Entry<String, JsonNode> section = sections.next();
                if (!section.getValue().isObject()) {
                    continue;
                }
                ObjectNode entries = (ObjectNode) section.getValue();
                for (String name : listOf(entries.fieldNames())) {
                    JsonNode existing = merged.path(section.getKey()).get(name);
                    if (existing == null || existing.equals(entries.get(name))) {
                        continue;
                    }
                    String newName = freeName(prefix + name, section.getKey(), entries, merged);
                    entries.set(newName, entries.remove(name));
                    String from = "#/components/" + section.getKey() + "/" + name;
                    String to = "#/components/" + section.getKey() + "/" + newName;
                    rewriteRefs(document, from, to);
                    changed = true;
                }
            }
        }
    }

    private static String freeName(String candidate, String section, ObjectNode own, ObjectNode merged) {
        String name = candidate;
        for (int n = 2; own.has(name) || merged.path(section).has(name); n++) {
            name = candidate + n;
        }
        return name;
    }

    private static void rewriteRefs(JsonNode node, String from, String to) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().equals(from)) {
                object.set("$ref", TextNode.valueOf(to));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, from, to));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> rewriteRefs(child, from, to));
        }
    }

    private static void copyComponents(JsonNode from, ObjectNode into) {
        from.fields().forEachRemaining(section -> {
            if (section.getValue().isObject()) {
                ObjectNode target = into.has(section.getKey()) ? (ObjectNode) into.get(section.getKey()) : into.putObject(section.getKey());
                section.getValue().fields().forEachRemaining(entry -> {
                    if (!target.has(entry.getKey())) {
                        target.set(entry.getKey(), entry.getValue());
                    }
                });
            }
        });
    }

    private static void copyPaths(JsonNode from, ObjectNode into, ServiceDocument source, Set<String> operationIds) {
        from.fields().forEachRemaining(path -> {
            String name = path.getKey();
            boolean gatewayOwn = source.service().equals("gateway") && name.equals("/openapi");
            if (!gatewayOwn && !name.startsWith("/api/") && !name.startsWith("/webhooks/")) {
                return; // /internal/**, /q/** and the like are not reachable through the gateway
            }
            ObjectNode item = (ObjectNode) path.getValue();
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation instanceof ObjectNode op && op.has("operationId")) {
                    String id = op.get("operationId").asText();
                    if (!operationIds.add(id)) {
                        String unique = source.prefix().substring(0, 1).toLowerCase() + source.prefix().substring(1)
                                + Character.toUpperCase(id.charAt(0)) + id.substring(1);
                        op.put("operationId", unique);
                        operationIds.add(unique);
                    }
                }
            }
            JsonNode existing = into.get(name);
            if (existing == null) {
                into.set(name, item);
            } else {
                // Two services claiming one path would be a routing bug; the first (by route order) is the one served.
                item.fields().forEachRemaining(e -> {
                    if (!existing.has(e.getKey())) {
                        ((ObjectNode) existing).set(e.getKey(), e.getValue());
                    }
                });
            }
        });
    }

    /** Bearer tokens everywhere, except where a signature or nothing at all stands in for them. */
    private static void declareBearerSecurity(ObjectNode merged, ObjectNode components) {
        // The services' own scheme declarations (Quarkus adds one per app) are replaced by this single one.
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject(BEARER).put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "RS256 JWT: POST /api/auth/token in development, the identity provider in production");
        merged.putArray("security").addObject().putArray(BEARER);
        merged.path("paths").fields().forEachRemaining(path -> {
            boolean open = path.getKey().startsWith("/webhooks/") || path.getKey().equals("/api/auth/token")
                    || path.getKey().equals("/openapi");
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation instanceof ObjectNode op) {
                    if (open) {
                        op.putArray("security");
                    } else {
                        op.remove("security"); // the services' own scheme names would dangle; the root requirement applies
                    }
                }
            }
        });
    }

    private static <T> List<T> listOf(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
