package io.liveloop.tools.api;

/** The API answered something the caller did not expect; the message says what was asked and what came back. */
public class ApiException extends RuntimeException {

    private final transient ApiResponse response;

    public ApiException(ApiResponse response, String expected) {
        super(response.call().method() + " " + response.call().path() + " answered " + response.status()
                + " (expected " + expected + "): " + response.problem());
        this.response = response;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.response = null;
    }

    /** The answer, or null when nothing answered. */
    public ApiResponse response() {
        return response;
    }
}
