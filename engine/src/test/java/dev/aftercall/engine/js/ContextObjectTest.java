package dev.aftercall.engine.js;

import static dev.aftercall.engine.js.Fixtures.asFunction;
import static dev.aftercall.engine.js.Fixtures.callContext;
import static dev.aftercall.engine.js.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a function sees and what is saved after it: seed 000's context object, console, libraries, outcomes. */
class ContextObjectTest {
    private static JsSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = new JsSandbox(2, Fixtures.TEST_LIMITS);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theContextHoldsExactlyTheSeedsFields() {
        ObjectNode input = callContext().put("outlet_internal", "not for scripts");

        FunctionRun run = run("context.post_call.keys = Object.keys(context).sort();", input);

        assertThat(run.context().at("/post_call/keys")).isEqualTo(json("""
                {"v": ["agent", "agent_phone_number", "callSid", "call_duration", "call_metadata", "conversion_status",
                       "disposition_reason", "functions_called", "hangup_reason", "name", "next_call_scheduled",
                       "post_call", "post_call_detail", "recordingUrl", "userId", "user_phone_number"]}""").get("v"));
        assertThat(run.context().get("outlet_internal").asText()).isEqualTo("not for scripts");
    }

    @Test
    void changesToTheMutableFieldsAreSaved() {
        FunctionRun run = run("""
                context.conversion_status = true;
                context.disposition_reason = 'callback_requested';
                context.next_call_scheduled = true;
                context.post_call.custom_field = 'value';
                context.post_call_detail.custom_field = { value: 'value', comment: 'Explanation' };
                context.functions_called.push({ name: 'f', parameters: {}, success: true, response: 'ok',
                    timestamp: '2026-01-01T00:00:00.000Z' });""", callContext());

        assertThat(run.warnings()).isEmpty();
        assertThat(run.context().get("conversion_status").asBoolean()).isTrue();
        assertThat(run.context().get("disposition_reason").asText()).isEqualTo("callback_requested");
        assertThat(run.context().get("next_call_scheduled").asBoolean()).isTrue();
        assertThat(run.context().get("post_call")).isEqualTo(json("{\"interested\":true,\"custom_field\":\"value\"}"));
        assertThat(run.context().at("/post_call_detail/custom_field/comment").asText()).isEqualTo("Explanation");
        assertThat(run.functionsCalled()).hasSize(1);
    }

    @Test
    void aFieldThatIsNotInTheSeedIsUsableDuringTheRunButNotSaved() {
        FunctionRun run = run("context.scratch = 2; context.post_call.twice = context.scratch * 2;", callContext());

        assertThat(run.context().at("/post_call/twice").asInt()).isEqualTo(4);
        assertThat(run.context().has("scratch")).isFalse();
        assertThat(run.warnings())
                .containsExactly("context.scratch is not a context field: it is kept during this run but not saved");
    }

    @Test
    void postCallDetailsWithoutValueAndCommentAndIncompleteLogsAreReported() {
        FunctionRun run = run("""
                context.post_call_detail.score = 7;
                context.functions_called.push({ name: 'f', success: true });""", callContext());

        assertThat(run.warnings()).containsExactly(
                "functions_called[0]: missing fields of the 5-field schema: parameters, response, timestamp",
                "post_call_detail.score should be {value, comment}");
    }

    @Test
    void consoleOutputIsCapturedWithObjectsAsJson() {
        FunctionRun run = run("""
                console.log('lead', { id: 'L-42' }, [1, 2], null, undefined, 42, new TypeError('bad'));
                console.info('i'); console.warn('w'); console.error('e');""", callContext());

        assertThat(run.console()).containsExactly(
                "lead {\"id\":\"L-42\"} [1,2] null undefined 42 TypeError: bad", "[info] i", "[warn] w", "[error] e");
    }

    @Test
    void momentTimezoneHasRealZoneDataAndLodashIsTheRealLibrary() {
        FunctionRun run = run("""
                context.post_call.offsets = ['2024-01-15T12:00:00Z', '2024-07-15T12:00:00Z', '2035-07-15T12:00:00Z']
                    .map((t) => moment.tz(t, 'America/New_York').format('Z'));
                context.post_call.india = moment.tz('2024-07-15T12:00:00Z', 'Asia/Kolkata').format('YYYY-MM-DD HH:mm');
                context.post_call.zones = moment.tz.names().length > 400;
                context.post_call.lodash = [_.VERSION, _.uniq([1, 1, 2]), _.chain([3, 1, 2]).sortBy().head().value()];""",
                callContext());

        assertThat(run.context().at("/post_call/offsets")).isEqualTo(json("{\"v\":[\"-05:00\",\"-04:00\",\"-04:00\"]}").get("v"));
        assertThat(run.context().at("/post_call/india").asText()).isEqualTo("2024-07-15 17:30");
        assertThat(run.context().at("/post_call/zones").asBoolean()).isTrue();
        assertThat(run.context().at("/post_call/lodash")).isEqualTo(json("{\"v\":[\"4.18.1\",[1,2],1]}").get("v"));
    }

    @Test
    void standardBuiltInsAndTimersWork() {
        FunctionRun run = run("""
                const started = Date.now();
                await new Promise((resolve) => setTimeout(resolve, 50));
                const cancelled = setTimeout(() => { context.post_call.cancelled_ran = true; }, 10);
                clearTimeout(cancelled);
                context.post_call.waited = Date.now() - started >= 45;
                context.post_call.all = await Promise.all([1, Promise.resolve(2)]);
                context.post_call.math = Math.max(3, 9);
                context.post_call.inr = new Intl.NumberFormat('en-IN').format(1234567.5);
                context.post_call.json = JSON.parse(JSON.stringify({ a: [1] }));""", callContext());

        assertThat(run.context().get("post_call")).isEqualTo(json("""
                {"interested": true, "waited": true, "all": [1, 2], "math": 9, "inr": "12,34,567.5",
                 "json": {"a": [1]}}"""));
    }

    @Test
    void anErrorNamesItsTypeMessageAndLine() {
        FunctionRun run = sandbox.run("async function failing(context) {\n  context.post_call.step = 1;\n"
                + "  throw new Error('CRM rejected the lead');\n}", callContext(), null);

        assertThat(run.error()).isEqualTo("Error: CRM rejected the lead (at failing.js:3:9)");
        assertThat(run.context().at("/post_call/step").asInt()).as("changes before the failure are kept").isEqualTo(1);
    }

    @Test
    void aRunStoppedByALimitLeavesTheContextAsItWas() {
        FunctionRun run = sandbox.run(asFunction("spin", "context.post_call.step = 1; while (true) {}"),
                callContext(), null);

        assertThat(run.error()).startsWith("statement limit reached");
        assertThat(run.context()).isEqualTo(callContext());
    }

    @Test
    void codeThatIsNotOneAsyncFunctionIsNotRun() {
        FunctionRun run = sandbox.run("function calculate(context) {}", callContext(), null);

        assertThat(run.error()).isEqualTo(
                "line 1:1: the code must be `async function name(context)`: it must start with `async function`");
        assertThat(run.context()).isEqualTo(callContext());
    }

    @Test
    void aRunWithAnotherStatementLimitThanThePoolStillRuns() {
        FunctionRun run = sandbox.run(asFunction("f", "context.post_call.ok = true;"), callContext(), null,
                new Limits(2_000, 1_000, 0));

        assertThat(run.error()).isNull();
        assertThat(run.context().at("/post_call/ok").asBoolean()).isTrue();
    }

    @Test
    void concurrentRunsNeverSeeEachOthersData() throws Exception {
        String code = asFunction("mine", """
                globalThis.owner = globalThis.owner || context.call_metadata.lead_id;
                await new Promise((resolve) => setTimeout(resolve, 20));
                context.post_call.owner = globalThis.owner;""");
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<FunctionRun>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ObjectNode input = callContext();
                ((ObjectNode) input.get("call_metadata")).put("lead_id", "L-" + i);
                runs.add(threads.submit(() -> sandbox.run(code, input, null)));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertThat(runs.get(i).get().context().at("/post_call/owner").asText()).isEqualTo("L-" + i);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static FunctionRun run(String body, ObjectNode context) {
        FunctionRun run = sandbox.run(asFunction("f", body), context, null);
        assertThat(run.error()).isNull();
        return run;
    }
}
