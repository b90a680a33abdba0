package dev.aftercall.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aftercall.engine.http.HttpPort;
import dev.aftercall.engine.http.OutboundRequest;
import dev.aftercall.engine.http.OutboundResponse;
import dev.aftercall.engine.run.Delayer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VertxHttpPortTest {
    @Inject
    HttpPort http;

    @Inject
    Delayer delayer;

    StubTarget target;

    @BeforeEach
    void startTarget() {
        target = StubTarget.start();
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    @Test
    void sendsMethodHeadersAndBodyAndHandsBackTheAnswer() {
        target.answer(StubTarget.Answer.json(201, "{\"ticket\":{\"id\":\"T-1\"}}"));

        OutboundResponse response = send(new OutboundRequest("POST", URI.create(target.url("/tickets?source=voice")),
                List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-Trace", "a"),
                        Map.entry("X-Trace", "b")),
                "{\"subject\":\"hi\"}".getBytes(StandardCharsets.UTF_8), 5_000, null));

        assertThat(response.status()).isEqualTo(201);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ticket\":{\"id\":\"T-1\"}}");
        assertThat(response.header("content-type")).contains("application/json");
        StubTarget.Received received = target.requests().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/tickets");
        assertThat(received.query()).isEqualTo("source=voice");
        assertThat(received.headers().get("x-trace")).containsExactly("a", "b");
        assertThat(received.body()).isEqualTo("{\"subject\":\"hi\"}");
    }

    @Test
    void anErrorStatusIsAnAnswerNotAFailure() {
        target.answer(StubTarget.Answer.json(503, "{\"error\":\"busy\"}"));

        assertThat(send(get(target.url("/busy"), 5_000)).status()).isEqualTo(503);
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> send(get("http://127.0.0.1:" + closedPort + "/", 5_000)))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void aTargetSlowerThanTheTimeoutIsAnHttpTimeoutException() {
        target.answer(StubTarget.Answer.json(200, "{}").after(Duration.ofSeconds(3)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> send(get(target.url("/slow"), 300)))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBodyOverTheCapFailsAndTheClientStaysUsable() {
        byte[] huge = new byte[1_048_576 + 10];
        target.answer(r -> r.path().equals("/huge")
                ? new StubTarget.Answer(200, Map.of(), huge, Duration.ZERO)
                : StubTarget.Answer.json(200, "{\"ok\":true}"));

        assertThatThrownBy(() -> send(get(target.url("/huge"), 5_000)))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("response larger than 1048576 bytes");
        assertThat(send(get(target.url("/small"), 5_000)).status()).isEqualTo(200);
    }

    @Test
    void aBodyJustUnderTheCapArrivesWhole() {
        byte[] body = new byte[1_048_576];
        target.answer(new StubTarget.Answer(200, Map.of(), body, Duration.ZERO));

        assertThat(send(get(target.url("/big"), 5_000)).body()).hasSize(1_048_576);
    }

    @Test
    void aRequestWithAClientCertificateGoesThroughItsOwnClient() throws IOException {
        var certificate = new OutboundRequest.ClientCertificate(pem("client-cert.pem"), pem("client-key.pem"));
        OutboundRequest request = new OutboundRequest("GET", URI.create(target.url("/mtls")), List.of(), null,
                5_000, certificate);

        assertThat(send(request).status()).isEqualTo(200);
        assertThat(send(request).status()).isEqualTo(200);
        assertThat(target.requests("/mtls")).hasSize(2);
    }

    @Test
    void theDelayerWaitsWithoutAThread() {
        long started = System.nanoTime();
        delayer.after(200).toCompletableFuture().join();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    private static String pem(String name) throws IOException {
        try (var in = VertxHttpPortTest.class.getResourceAsStream("/mtls/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static OutboundRequest get(String url, long timeoutMs) {
        return new OutboundRequest("GET", URI.create(url), List.of(), null, timeoutMs, null);
    }

    private OutboundResponse send(OutboundRequest request) {
        return http.send(request).toCompletableFuture().join();
    }
}
