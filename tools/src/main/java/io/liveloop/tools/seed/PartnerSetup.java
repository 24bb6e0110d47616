package io.liveloop.tools.seed;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveloop.tools.api.ApiCall;
import io.liveloop.tools.api.ApiResponse;
import io.liveloop.tools.api.Caller;
import io.liveloop.tools.api.LiveLoopApi;
import io.liveloop.tools.partner.PartnerCredentials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure the bundled partner is registered in LiveLoop, points at the partner simulator, and that the simulator
 * can read its secret. LiveLoop shows a partner's secret only when it is created or rotated, so: a partner of that
 * name that exists and whose secret is in the run dir is left alone; one whose secret is not (another run dir, a
 * lost file) gets its secret rotated ({@code POST /api/fulfillment/partners/{id}/rotate-secret}; the old one keeps
 * working for 24 h) and the new one is saved.
 */
public final class PartnerSetup {

    /** The partner as it now is, the calls that made it so, and what was done in words. */
    public record Outcome(PartnerCredentials credentials, boolean created, List<ApiCall> calls, String summary) {
    }

    private PartnerSetup() {
    }

    public static Outcome ensure(LiveLoopApi api, Caller admin, String name, String webhookUrl, boolean isDefault,
                                 Path credentialsFile) {
        List<ApiCall> calls = new ArrayList<>();
        ApiCall list = api.get(admin, "/api/fulfillment/partners");
        calls.add(list);
        Optional<JsonNode> existing = stream(api.send(list, 200).json()).stream()
                .filter(p -> name.equals(p.path("name").asText())).findFirst();
        if (existing.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("webhookUrl", webhookUrl);
            body.put("default", isDefault);
            ApiCall create = api.post(admin, "/api/fulfillment/partners", body);
            calls.add(create);
            ApiResponse created = api.send(create, 201);
            PartnerCredentials credentials = new PartnerCredentials(created.text("/id"), name,
                    created.text("/signingSecret"), webhookUrl);
            credentials.write(credentialsFile, api.json());
            return new Outcome(credentials, true, calls, "registered; its signing secret (shown once) saved for the simulator");
        }
        JsonNode partner = existing.get();
        String id = partner.path("id").asText();
        List<String> done = new ArrayList<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        if (!webhookUrl.equals(partner.path("webhookUrl").asText())) {
            changes.put("webhookUrl", webhookUrl);
        }
        if (!partner.path("enabled").asBoolean(true)) {
            changes.put("enabled", true);
        }
        if (isDefault && !partner.path("default").asBoolean()) {
            changes.put("default", true);
        }
        if (!changes.isEmpty()) {
            ApiCall update = api.patch(admin, "/api/fulfillment/partners/" + id, changes);
            calls.add(update);
            api.send(update, 200);
            done.add("updated " + String.join(", ", changes.keySet()));
        }
        Optional<PartnerCredentials> saved = PartnerCredentials.read(credentialsFile, api.json())
                .filter(c -> c.partnerId().equals(id));
        PartnerCredentials credentials;
        if (saved.isPresent()) {
            credentials = new PartnerCredentials(id, name, saved.get().signingSecret(), webhookUrl);
            if (!webhookUrl.equals(saved.get().webhookUrl())) {
                credentials.write(credentialsFile, api.json());
            }
            done.add("secret already with the simulator");
        } else {
            ApiCall rotate = api.post(admin, "/api/fulfillment/partners/" + id + "/rotate-secret", null);
            calls.add(rotate);
            credentials = new PartnerCredentials(id, name, api.send(rotate, 200).text("/signingSecret"), webhookUrl);
            credentials.write(credentialsFile, api.json());
            done.add("secret rotated (it was not in this run dir; the old one works 24 h more) and saved for the simulator");
        }
        return new Outcome(credentials, false, calls, "already registered; " + String.join("; ", done));
    }

    private static List<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
