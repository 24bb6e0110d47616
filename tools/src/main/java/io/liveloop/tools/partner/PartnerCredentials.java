package io.liveloop.tools.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who the bundled partner is in LiveLoop: its id and its signing secret, which the API shows only when the partner is
 * created or its secret rotated. {@code ./liveloop seed} (and {@code demo}) write them to
 * {@code $LIVELOOP_RUN_DIR/partner/credentials.json} (owner-only permissions); the standalone simulator reads them
 * from there.
 */
public record PartnerCredentials(String partnerId, String name, String signingSecret, String webhookUrl) {

    /** The file in a run dir. */
    public static Path file(Path runDir) {
        return runDir.resolve("partner").resolve("credentials.json");
    }

    public static Optional<PartnerCredentials> read(Path file, ObjectMapper json) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(file.toFile());
            String id = node.path("partnerId").asText("");
            String secret = node.path("signingSecret").asText("");
            if (id.isBlank() || secret.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new PartnerCredentials(id, node.path("name").asText(null), secret,
                    node.path("webhookUrl").asText(null)));
        } catch (IOException e) {
            return Optional.empty(); // unreadable or half-written: as if there were none
        }
    }

    /** Writes the file whole (temp file, then a rename), readable by its owner only. */
    public void write(Path file, ObjectMapper json) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("partnerId", partnerId);
        content.put("name", name);
        content.put("signingSecret", signingSecret);
        content.put("webhookUrl", webhookUrl);
        content.put("savedAt", Instant.now().toString());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the partner credentials to " + file, e);
        }
    }

    @Override
    public String toString() {
        return "PartnerCredentials[" + partnerId + ", " + name + ", secret redacted]";
    }
}
