package io.liveloop.platform.security;

import io.liveloop.platform.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * The signed-in user of the current request, from the verified JWT: {@code sub} is the user id, {@code groups}
 * holds the role. Services check ownership against {@link #id()}; roles are checked with {@code @RolesAllowed}.
 */
@RequestScoped
public class CurrentUser {

    public static final String BUYER = "BUYER";
    public static final String SELLER = "SELLER";
    public static final String HOST = "HOST";
    public static final String ADMIN = "ADMIN";

    private final JsonWebToken token;

    public CurrentUser(JsonWebToken token) {
        this.token = token;
    }

    public UUID id() {
        String subject = token.getSubject();
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(401, "unauthorized", "Not signed in",
                    "The token's subject must be a user id (UUID)");
        }
    }

    public boolean is(String role) {
        return token.getGroups() != null && token.getGroups().contains(role);
    }

    public boolean isAdmin() {
        return is(ADMIN);
    }
}
