package dev.aftercall.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local OpenAI-compatible server ({@code POST /v1/chat/completions}) on 127.0.0.1: it records each request and
 * plays the answers a test queued, in order (the last one repeats). Answers can be valid, malformed, cut off at
 * the token limit, slow, or an HTTP error.
 */
public final class OpenAiStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One programmed answer. */
    public record Reply(int status, String content, String finishReason, Duration delay) {
        /** A normal answer whose message content is {@code content}. */
        public static Reply content(String content) {
            return new Reply(200, content, "stop", Duration.ZERO);
        }

        /** Content cut off at the model's token limit ({@code finish_reason: length}). */
        public static Reply truncated(String content) {
            return new Reply(200, content, "length", Duration.ZERO);
        }

        public static Reply error(int status) {
            return new Reply(status, null, null, Duration.ZERO);
        }

        public Reply after(Duration pause) {
            return new Reply(status, content, finishReason, pause);
        }
    }

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private Reply last = Reply.content("{}");

    private OpenAiStub(HttpServer server) {
        this.server = server;
    }

    public static OpenAiStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OpenAiStub stub = new OpenAiStub(server);
            server.createContext("/", stub::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the OpenAI stub", e);
        }
    }

    /** The base URL clients configure, ending in {@code /v1/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    /** Forgets earlier requests and plays these answers next. */
    public synchronized OpenAiStub answer(Reply... next) {
        requests.clear();
        authorizations.clear();
        replies.clear();
        replies.addAll(List.of(next));
        return this;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private synchronized Reply next() {
        if (!replies.isEmpty()) {
            last = replies.poll();
        }
        return last;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
                send(exchange, 404, "{\"error\":{\"message\":\"not found\"}}");
                return;
            }
            requests.add(JSON.readTree(body));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Reply reply = next();
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
            if (reply.status() != 200) {
                send(exchange, reply.status(), "{\"error\":{\"message\":\"stub error " + reply.status()
                        + "\",\"type\":\"server_error\"}}");
                return;
            }
            ObjectNode answer = JSON.createObjectNode();
            answer.put("id", "chatcmpl-stub").put("object", "chat.completion").put("created", 1_700_000_000)
                    .put("model", "gpt-4o");
            ObjectNode choice = answer.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", reply.content());
            choice.put("finish_reason", reply.finishReason());
            answer.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 10).put("total_tokens", 20);
            send(exchange, 200, answer.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientLeft) {
            // The client timed out and closed the connection: nothing to answer.
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
