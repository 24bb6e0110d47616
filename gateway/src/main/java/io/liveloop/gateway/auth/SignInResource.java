package io.liveloop.gateway.auth;

import io.liveloop.gateway.config.AuthConfig;
import io.liveloop.platform.openapi.ProblemResponsesFilter;
import io.liveloop.platform.problem.ProblemException;
import io.smallrye.jwt.build.Jwt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * Development sign-in: anyone may be anyone. It exists so that apps, demos and tests can get tokens without an
 * identity provider; where {@code liveloop.auth.sign-in.enabled} is off (the prod profile) it is a 404.
 */
@Path("/api/auth/token")
@Tag(name = "Sign-in", description = "Development sign-in (not in production)")
public class SignInResource {

    public enum Role { BUYER, SELLER, HOST, ADMIN }

    public record SignInRequest(
            @NotBlank @Pattern(regexp = "[\\p{L}\\p{N}._@-]{1,64}",
                    message = "1 to 64 letters, digits or . _ @ -") String username,
            @NotNull Role role) {
    }

    public record TokenResponse(String accessToken, String tokenType, Instant expiresAt) {
    }

    private final AuthConfig.SignIn config;
    private final Clock clock;

    public SignInResource(AuthConfig config, Clock clock) {
        this.config = config.signIn();
        this.clock = clock;
    }

    /** The same username always gets the same id, so a signed-in user finds their data again. */
    public static UUID userIdOf(String username) {
        return UUID.nameUUIDFromBytes(("liveloop-user:" + username).getBytes(StandardCharsets.UTF_8));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(operationId = "signIn", summary = "Sign in for development: a token for any username and role",
            description = "Only where enabled by configuration (development, tests, the local suite); a 404 problem elsewhere. "
                    + "Rate-limited per client address (429 with Retry-After).")
    @APIResponse(responseCode = "200", description = "A bearer token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "429", description = "Too many sign-ins from this address; see Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = ProblemResponsesFilter.PROBLEM_REF)))
    public TokenResponse signIn(@NotNull @Valid SignInRequest request) {
        if (!config.enabled()) {
            // Indistinguishable from a path that never existed: production does not advertise a sign-in it lacks.
            throw new ProblemException(404, "not-found", "Not found", "No resource at /api/auth/token");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(config.tokenLifetime());
        String token = Jwt.issuer(config.issuer())
                .subject(userIdOf(request.username()).toString())
                .upn(request.username())
                .groups(Set.of(request.role().name()))
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign();
        return new TokenResponse(token, "Bearer", expiresAt);
    }
}
