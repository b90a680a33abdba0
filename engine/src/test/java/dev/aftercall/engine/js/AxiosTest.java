package dev.aftercall.engine.js;

import static dev.aftercall.engine.js.Fixtures.asFunction;
import static dev.aftercall.engine.js.Fixtures.callContext;
import static dev.aftercall.engine.js.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pre-imported axios, against a real local HTTP server: what is sent, what the function gets back. */
class AxiosTest {
    private static final Limits LIMITS = new Limits(30_000, Fixtures.TEST_LIMITS.statementLimit(),
            Fixtures.TEST_LIMITS.maxHeapBytes());
    private static JsSandbox sandbox;
    private static LocalTarget target;
    private final List<JsHttpRequest> sent = new CopyOnWriteArrayList<>();
    private HttpBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new JsSandbox(2, LIMITS);
        target = new LocalTarget();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        target.close();
    }

    @BeforeEach
    void recordWhatLeavesTheSandbox() {
        LocalHttpBridge local = new LocalHttpBridge(target);
        bridge = request -> {
            sent.add(request);
            return local.request(request);
        };
    }

    @Test
    void getSendsParamsAndHeadersAndParsesAJsonAnswer() {
        target.answer("/leads", 200, "{\"id\":\"L-42\",\"score\":7}");

        FunctionRun run = run("""
                const response = await axios.get('https://crm.example.com/leads', {
                    params: { id: context.call_metadata.lead_id, q: 'a b', tags: ['x', 'y'], none: null },
                    headers: { 'X-Api-Key': 'k-1' }
                });
                context.post_call.answer = { status: response.status, statusText: response.statusText,
                    data: response.data, type: response.headers['content-type'] };""");

        assertThat(run.error()).isNull();
        assertThat(run.context().at("/post_call/answer")).isEqualTo(json("""
                {"status": 200, "statusText": "OK", "data": {"id": "L-42", "score": 7}, "type": "application/json"}"""));
        LocalTarget.Received received = last();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.pathAndQuery()).isEqualTo("/leads?id=L-42&q=a%20b&tags%5B%5D=x&tags%5B%5D=y");
        assertThat(received.header("X-Api-Key")).isEqualTo("k-1");
        assertThat(received.header("Accept")).isEqualTo("application/json, text/plain, */*");
        assertThat(run.requests()).singleElement().satisfies(log -> {
            assertThat(log.requestHeaders()).containsEntry("X-Api-Key", "***");
            assertThat(log.responseBody()).isEqualTo("{\"id\":\"L-42\",\"score\":7}");
        });
    }

    @Test
    void objectsAreSentAsJsonAndStringsAsTheyAre() {
        target.answer("/echo", 201, "created");

        FunctionRun run = run("""
                const a = await axios.post('https://crm.example.com/echo', { lead: 'L-42', n: [1, 2] });
                const b = await axios.put('https://crm.example.com/echo', 'plain text', { headers: { 'Content-Type': 'text/plain' } });
                const c = await axios.patch('https://crm.example.com/echo', { x: 1 });
                const d = await axios.delete('https://crm.example.com/echo');
                context.post_call.data = [a.data, a.status, b.status, c.status, d.status];""");

        assertThat(run.error()).isNull();
        assertThat(run.context().at("/post_call/data")).isEqualTo(json("{\"v\":[\"created\",201,201,201,201]}").get("v"));
        List<LocalTarget.Received> received = target.received().subList(target.received().size() - 4, target.received().size());
        assertThat(received).extracting(LocalTarget.Received::method).containsExactly("POST", "PUT", "PATCH", "DELETE");
        assertThat(json(received.get(0).body())).isEqualTo(json("{\"lead\":\"L-42\",\"n\":[1,2]}"));
        assertThat(received.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(received.get(1).body()).isEqualTo("plain text");
        assertThat(received.get(1).header("Content-Type")).isEqualTo("text/plain");
    }

    @Test
    void aNon2xxAnswerRejectsWithTheAxiosErrorShape() {
        target.answer("/missing", 404, "{\"error\":\"no such lead\"}");

        FunctionRun run = run("""
                try {
                    await axios.get('https://crm.example.com/missing');
                } catch (error) {
                    context.post_call.failure = { message: error.message, name: error.name, code: error.code,
                        status: error.response.status, data: error.response.data, isAxiosError: axios.isAxiosError(error) };
                }""");

        assertThat(run.context().at("/post_call/failure")).isEqualTo(json("""
                {"message": "Request failed with status code 404", "name": "AxiosError", "code": "ERR_BAD_REQUEST",
                 "status": 404, "data": {"error": "no such lead"}, "isAxiosError": true}"""));
    }

    @Test
    void validateStatusDecidesWhatCountsAsSuccess() {
        target.answer("/flaky", 500, "oops");

        FunctionRun run = run("""
                const response = await axios.get('https://crm.example.com/flaky', { validateStatus: () => true });
                context.post_call.got = [response.status, response.data];""");

        assertThat(run.context().at("/post_call/got")).isEqualTo(json("{\"v\":[500,\"oops\"]}").get("v"));
    }

    @Test
    void theTimeoutIsHonouredAndTheDefaultIsTenSeconds() {
        target.answer("/slow", new LocalTarget.Answer(200, "application/json", "{}", 3_000));

        FunctionRun run = run("""
                await axios.get('https://crm.example.com/fast-enough-404').catch(() => null);
                try {
                    await axios.get('https://crm.example.com/slow', { timeout: 200 });
                } catch (error) {
                    context.post_call.failure = [error.message, error.code];
                }""");

        assertThat(run.context().at("/post_call/failure"))
                .isEqualTo(json("{\"v\":[\"timeout of 200ms exceeded\",\"ECONNABORTED\"]}").get("v"));
        assertThat(run.requests()).last().satisfies(log -> {
            assertThat(log.error()).isEqualTo("timeout of 200ms exceeded");
            assertThat(log.durationMs()).as("the slow answer was not awaited").isLessThan(2_500);
        });
        assertThat(sent).extracting(JsHttpRequest::timeoutMs).containsExactly(10_000L, 200L);
    }

    @Test
    void anUnreachableServerRejectsWithTheTransportError() {
        FunctionRun run = sandbox.run(asFunction("f", """
                try { await axios.get('https://crm.example.com/x'); } catch (e) { context.post_call.code = e.code; }"""),
                callContext(), LocalHttpBridge.refusing());

        assertThat(run.context().at("/post_call/code").asText()).isEqualTo("ECONNREFUSED");
        assertThat(run.requests()).singleElement().satisfies(log -> {
            assertThat(log.status()).isNull();
            assertThat(log.error()).isNotBlank();
        });
    }

    @Test
    void createdInstancesKeepTheirBaseUrlAndHeaders() {
        target.answer("/api/v2/leads/L-42", 200, "{\"ok\":true}");

        FunctionRun run = run("""
                const crm = axios.create({ baseURL: 'https://crm.example.com/api/v2/', headers: { Authorization: 'Bearer t' } });
                const response = await crm.get('/leads/' + context.call_metadata.lead_id);
                context.post_call.ok = response.data.ok;""");

        assertThat(run.context().at("/post_call/ok").asBoolean()).isTrue();
        assertThat(last().header("Authorization")).isEqualTo("Bearer t");
    }

    @Test
    void withoutAnHttpClientEveryRequestIsRefused() {
        FunctionRun run = sandbox.run(asFunction("f", """
                try { await axios.get('https://crm.example.com/x'); } catch (e) { context.post_call.why = e.message; }"""),
                callContext(), null);

        assertThat(run.context().at("/post_call/why").asText()).isEqualTo("no HTTP client is available to this run");
    }

    private FunctionRun run(String body) {
        FunctionRun run = sandbox.run(asFunction("callCrm", body), callContext(), bridge);
        assertThat(run.error()).isNull();
        return run;
    }

    private static LocalTarget.Received last() {
        return target.received().get(target.received().size() - 1);
    }
}
