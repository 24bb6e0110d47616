package io.liveloop.tools.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The public API as an app uses it: every call through the gateway, with a bearer token from its development
 * sign-in. Rate-limited answers (429, and 503 with Retry-After) are waited out and tried again a few times, as a
 * well-behaved client does; anything else is the caller's to judge.
 */
public final class LiveLoopApi {

    private static final int MAX_TRIES = 6;

    private final String gateway;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Map<Caller, String> tokens = new ConcurrentHashMap<>();

    public LiveLoopApi(String gateway, ObjectMapper json) {
        this.gateway = gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String gateway() {
        return gateway;
    }

    public ObjectMapper json() {
        return json;
    }

    public ApiCall get(Caller as, String path) {
        return new ApiCall("GET", path, as, null, Map.of());
    }

    public ApiCall post(Caller as, String path, Object body) {
        return new ApiCall("POST", path, as, body == null ? null : write(body), Map.of());
    }

    public ApiCall put(Caller as, String path, Object body) {
        return new ApiCall("PUT", path, as, write(body), Map.of());
    }

    public ApiCall patch(Caller as, String path, Object body) {
        return new ApiCall("PATCH", path, as, write(body), Map.of());
    }

    /** Sends the call and returns whatever came back. */
    public ApiResponse send(ApiCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + call.path()))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (call.as() != null) {
            request.header("Authorization", "Bearer " + token(call.as()));
        }
        call.headers().forEach(request::header);
        if (call.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = exchange(call, request.build());
            int status = response.statusCode();
            boolean busy = status == 429 || (status == 503 && response.headers().firstValue("Retry-After").isPresent());
            if (busy && attempt < MAX_TRIES) {
                sleep(retryAfter(response));
                continue;
            }
            return new ApiResponse(call, status, response.body(), parse(response.body()));
        }
    }

    /** Sends the call and requires one of {@code statuses}. */
    public ApiResponse send(ApiCall call, int... statuses) {
        return send(call).expect(statuses);
    }

    /** Every item of a cursor-paginated list ({@code {items, nextCursor}}), page after page. */
    public List<JsonNode> all(Caller as, String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        String separator = path.contains("?") ? "&" : "?";
        do {
            String page = path + separator + "limit=100" + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            ApiResponse response = send(get(as, page), 200);
            response.json().path("items").forEach(items::add);
            cursor = response.text("/nextCursor");
        } while (cursor != null);
        return items;
    }

    /** The caller's bearer token, signed in once per run. */
    public String token(Caller caller) {
        return tokens.computeIfAbsent(caller, c -> {
            ApiCall signIn = post(null, "/api/auth/token", Map.of("username", c.username(), "role", c.role()));
            return send(signIn, 200).text("/accessToken");
        });
    }

    public String write(Object body) {
        try {
            return body instanceof String text ? text : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a request body as JSON", e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException notJson) {
            return MissingNode.getInstance();
        }
    }

    private HttpResponse<String> exchange(ApiCall call, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new ApiException("nothing answers at " + gateway + " (is the suite up? ./liveloop status)", e);
        } catch (IOException e) {
            throw new ApiException(call.method() + " " + call.path() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted during " + call.method() + " " + call.path(), e);
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Math.min(10, Math.max(1, Long.parseLong(value.strip()))));
            } catch (NumberFormatException e) {
                return Duration.ofSeconds(1);
            }
        }).orElse(Duration.ofSeconds(1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting out a rate limit", e);
        }
    }

    /** Maps a function over a list of JSON items by a field, e.g. products by title. */
    public static <K> Map<K, JsonNode> index(List<JsonNode> items, Function<JsonNode, K> key) {
        Map<K, JsonNode> byKey = new java.util.LinkedHashMap<>();
        items.forEach(item -> byKey.putIfAbsent(key.apply(item), item));
        return byKey;
    }
}
