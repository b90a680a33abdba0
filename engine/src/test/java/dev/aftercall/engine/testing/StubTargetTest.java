package dev.aftercall.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aftercall.engine.http.JdkHttpPort;
import dev.aftercall.engine.http.OutboundRequest;
import dev.aftercall.engine.http.OutboundResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StubTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private StubTarget target;

    @BeforeEach
    void start() {
        target = new StubTarget().start();
    }

    @AfterEach
    void stop() {
        target.close();
    }

    @Test
    void recordsMethodPathQueryHeadersAndBodyAsReceived() throws Exception {
        target.respond("POST", "/api/tickets", 201, "{\"ticket\":{\"id\":7}}");

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(target.baseUrl()
                        + "/api/tickets?source=voice&phone=%2B919812345678"))
                .header("Idempotency-Key", "c1:example:ticket")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"Call c1\"}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).at("/ticket/id").asInt()).isEqualTo(7);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        StubTarget.Received received = target.requests().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/api/tickets");
        assertThat(received.rawQuery()).isEqualTo("source=voice&phone=%2B919812345678");
        assertThat(received.query()).containsExactly(
                Map.entry("source", List.of("voice")), Map.entry("phone", List.of("+919812345678")));
        assertThat(received.header("idempotency-key")).isEqualTo("c1:example:ticket");
        assertThat(received.header("IDEMPOTENCY-KEY")).isEqualTo("c1:example:ticket");
        assertThat(received.json()).isEqualTo(JSON.readTree("{\"subject\":\"Call c1\"}"));
    }

    @Test
    void answersASequenceThenRepeatsItsLastReply() throws Exception {
        target.respond("POST", "/hook",
                StubTarget.Reply.json(503, "{\"error\":\"maintenance\"}").withHeader("Retry-After", "0"),
                StubTarget.Reply.json(200, "{\"ok\":true}"));

        HttpResponse<String> first = post("/hook");
        HttpResponse<String> second = post("/hook");
        HttpResponse<String> third = post("/hook");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("0");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(target.requestsTo("/hook")).hasSize(3);
    }

    @Test
    void unroutedRequestsGet404AndAreStillRecorded() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/nowhere")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"error\":\"no route\"}"));
        assertThat(target.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.json()).isNull();
        });
    }

    @Test
    void loadsTargetJsonWhereRepeatedRoutesFormASequence() throws Exception {
        target.load(JSON.readTree("""
                [{"method": "PATCH", "path": "/c/1", "status": 500},
                 {"method": "PATCH", "path": "/c/1", "status": 200, "body": {"id": 1}, "headers": {"X-Trace": "t1"}}]
                """));

        assertThat(send(patch("/c/1")).statusCode()).isEqualTo(500);
        HttpResponse<String> second = send(patch("/c/1"));

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-trace")).hasValue("t1");
        assertThat(second.body()).isEqualTo("{\"id\":1}");
    }

    @Test
    void resetForgetsRequestsAndRoutes() throws Exception {
        target.respond("POST", "/hook", 200, "{}");
        post("/hook");

        target.reset();

        assertThat(target.requests()).isEmpty();
        assertThat(post("/hook").statusCode()).isEqualTo(404);
    }

    @Test
    void routingPortSendsAnyHostToTheStubKeepingPathAndEncodedQuery() throws Exception {
        target.respond("GET", "/api/contacts", 200, "{\"contacts\":[]}");
        RoutingHttpPort port = new RoutingHttpPort(new JdkHttpPort(), target);
        URI realistic = URI.create("https://crm.example.com/api/contacts?phone=%2B919812345678");

        OutboundResponse response = port.send(new OutboundRequest("GET", realistic,
                List.of(Map.entry("Accept", "application/json")), null, 5_000, null)).toCompletableFuture().get();

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"contacts\":[]}");
        assertThat(port.originalUris()).containsExactly(realistic);
        StubTarget.Received received = target.requests().get(0);
        assertThat(received.path()).isEqualTo("/api/contacts");
        assertThat(received.rawQuery()).isEqualTo("phone=%2B919812345678");
        assertThat(received.header("Accept")).isEqualTo("application/json");
    }

    private HttpResponse<String> post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private HttpRequest.Builder patch(String path) {
        return HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
