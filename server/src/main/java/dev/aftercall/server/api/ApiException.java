package dev.aftercall.server.api;

/**
 * An error the caller can act on. Rendered as {@code {"error": "...", "node": ..., "field": ...}} with the
 * given HTTP status by the API's exception mapper; {@code node} and {@code field} are omitted when null.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String node;
    private final String field;

    public ApiException(int status, String error, String node, String field) {
        super(error);
        this.status = status;
        this.node = node;
        this.field = field;
    }

    public static ApiException badRequest(String error, String field) {
        return new ApiException(400, error, null, field);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found", null, null);
    }

    public int status() {
        return status;
    }

    public String node() {
        return node;
    }

    public String field() {
        return field;
    }
}
