package dev.aftercall.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP target on 127.0.0.1 (ephemeral port) for tests. It records every request exactly as it arrived over
 * the wire and answers from programmable routes, so tests assert on what a target received rather than on what
 * the engine meant to send (DESIGN.md: real HTTP, never a mock of the client).
 *
 * <p>A route is a method and a path (the query is ignored) with one reply or a sequence of replies; the last reply
 * of a sequence repeats, so {@code 503, 200} means "fail once, then succeed". Unrouted requests get
 * {@code 404 {"error":"no route"}}. Requests are recorded before the reply is written, so once a client has its
 * answer the request is visible in {@link #requests()}.
 */
public final class StubTarget implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Reply NO_ROUTE = Reply.json(404, "{\"error\":\"no route\"}");

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    /** Binds to a free loopback port and starts answering; returns {@code this} for try-with-resources. */
    public StubTarget start() {
        if (server != null) {
            throw new IllegalStateException("stub target already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
        // More than one handler thread, so a slow client (or concurrent nodes) never serialise behind each other.
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stub-target");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("stub target not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Answers {@code method path} with {@code status} and a JSON body (null or empty for no body). */
    public StubTarget respond(String method, String path, int status, String jsonBody) {
        return respond(method, path, Reply.json(status, jsonBody));
    }

    public StubTarget respond(String method, String path, int status, JsonNode jsonBody) {
        return respond(method, path, new Reply(status, Map.of(), jsonBody));
    }

    /** Answers successive requests to {@code method path} with {@code replies} in order; the last one repeats. */
    public StubTarget respond(String method, String path, Reply... replies) {
        if (replies.length == 0) {
            throw new IllegalArgumentException("at least one reply");
        }
        routes.put(key(method, path), new Route(List.of(replies)));
        return this;
    }

    /**
     * Loads routes written as {@code target.json}: {@code [{"method", "path", "status", "body", "headers"}]}.
     * Entries with the same method and path form a sequence, in file order.
     */
    public StubTarget load(JsonNode document) {
        if (document == null || !document.isArray()) {
            throw new IllegalArgumentException("routes must be a JSON array of {method, path, status, body, headers}");
        }
        Map<String, List<Reply>> sequences = new LinkedHashMap<>();
        for (JsonNode entry : document) {
            String method = entry.path("method").asText("GET");
            String path = entry.path("path").asText(null);
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("route needs a path starting with '/': " + entry);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            entry.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            Reply reply = new Reply(entry.path("status").asInt(200), headers, entry.get("body"));
            sequences.computeIfAbsent(key(method, path), k -> new ArrayList<>()).add(reply);
        }
        sequences.forEach((key, replies) -> routes.put(key, new Route(replies)));
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<Received> requests() {
        return List.copyOf(received);
    }

    public List<Received> requestsTo(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Forgets recorded requests and routes: the stub behaves as freshly started. */
    public void reset() {
        received.clear();
        routes.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            received.add(new Received(method, uri.getPath(), uri.getRawQuery(),
                    copy(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            Route route = routes.get(key(method, uri.getPath()));
            write(exchange, route == null ? NO_ROUTE : route.next());
        } catch (RuntimeException e) {
            // Say what broke instead of dropping the connection, which a client would see as a transport error.
            write(exchange, Reply.json(500, JSON.createObjectNode().put("error", "stub: " + e).toString()));
        } finally {
            exchange.close();
        }
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] out = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
        if (out.length > 0 && !exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
    }

    private static Map<String, List<String>> copy(Headers headers) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> out.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(out);
    }

    private static String key(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    /** One canned answer: status, response headers, JSON body (null for none). */
    public record Reply(int status, Map<String, String> headers, JsonNode body) {
        public Reply {
            headers = Map.copyOf(headers);
        }

        public static Reply json(int status, String jsonBody) {
            try {
                JsonNode body = jsonBody == null || jsonBody.isBlank() ? null : JSON.readTree(jsonBody);
                return new Reply(status, Map.of(), body);
            } catch (IOException e) {
                throw new IllegalArgumentException("not JSON: " + jsonBody, e);
            }
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body);
        }
    }

    /**
     * A request as the target received it. {@code path} is decoded, {@code rawQuery} is as sent; header names
     * are matched ignoring case.
     */
    public record Received(String method, String path, String rawQuery, Map<String, List<String>> headers,
                           String body) {

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Query parameters, percent-decoded, in the order sent; empty when there is no query. */
        public Map<String, List<String>> query() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return out;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            return out;
        }

        /** The body parsed as JSON, or null when empty; fails when the body is not JSON. */
        public JsonNode json() {
            if (body.isEmpty()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("request body is not JSON: " + body, e);
            }
        }

        private static String decode(String s) {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        }
    }

    /** A route's replies; concurrent requests each take the next one. */
    private static final class Route {
        private final List<Reply> replies;
        private final AtomicInteger served = new AtomicInteger();

        Route(List<Reply> replies) {
            this.replies = List.copyOf(replies);
        }

        Reply next() {
            return replies.get(Math.min(served.getAndIncrement(), replies.size() - 1));
        }
    }
}
