package io.liveloop.tools.api;

/**
 * Who makes a call: a username and a role, as the gateway's development sign-in issues tokens for them
 * ({@code POST /api/auth/token}). The same username always maps to the same user id.
 */
public record Caller(String username, String role) {

    public static Caller admin(String username) {
        return new Caller(username, "ADMIN");
    }

    public static Caller seller(String username) {
        return new Caller(username, "SELLER");
    }

    public static Caller host(String username) {
        return new Caller(username, "HOST");
    }

    public static Caller buyer(String username) {
        return new Caller(username, "BUYER");
    }

    /** The user id the gateway derives from the username (the token's {@code sub}). */
    public java.util.UUID userId() {
        return java.util.UUID.nameUUIDFromBytes(("liveloop-user:" + username)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
