package io.liveloop.tools.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One request to the public API, kept as data so that the same value is sent and can be shown to a person as the
 * {@code curl} command that repeats it.
 *
 * @param body JSON text, or null for none
 */
public record ApiCall(String method, String path, Caller as, String body, Map<String, String> headers) {

    public ApiCall {
        headers = Map.copyOf(headers);
    }

    /** The same call with one more header (e.g. {@code Idempotency-Key}). */
    public ApiCall withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiCall(method, path, as, body, more);
    }

    /**
     * The call as a shell command: {@code curl -s [-X METHOD] $GW/path -H "Authorization: Bearer $TOKEN" ...}.
     *
     * @param gatewayVar how the gateway's base URL is written, e.g. {@code $GW}
     * @param tokenVar   how a caller's token is written, e.g. {@code $SELLER}
     */
    public String curl(String gatewayVar, Function<Caller, String> tokenVar) {
        StringBuilder command = new StringBuilder("curl -s");
        boolean implicitMethod = ("GET".equals(method) && body == null) || ("POST".equals(method) && body != null);
        if (!implicitMethod) {
            command.append(" -X ").append(method);
        }
        command.append(' ').append(gatewayVar).append(path);
        if (as != null) {
            command.append(" -H \"Authorization: Bearer ").append(tokenVar.apply(as)).append('"');
        }
        headers.forEach((name, value) -> command.append(" -H '").append(name).append(": ").append(value).append('\''));
        if (body != null) {
            command.append(" -H 'Content-Type: application/json' -d '").append(body.replace("'", "'\\''")).append('\'');
        }
        return command.toString();
    }
}
