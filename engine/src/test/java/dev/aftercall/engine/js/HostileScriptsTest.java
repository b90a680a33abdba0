package dev.aftercall.engine.js;

import static dev.aftercall.engine.js.Fixtures.callContext;
import static dev.aftercall.engine.js.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts that try to escape, to leak into later runs, or to exhaust the server. Each runs in the same sandbox as
 * the others and is followed by a canary run, which must find a fresh realm (no polluted prototype, no leaked
 * global, untouched libraries, no trace of the secret the hostile run was given). None may change a read-only
 * field, and each ends with the outcome its row states.
 */
class HostileScriptsTest {
    private static final String SECRET = "s3cr3t-of-outlet-a";
    private static final List<String> READ_ONLY = List.of("call_metadata", "call_duration", "hangup_reason",
            "user_phone_number", "agent_phone_number", "callSid", "recordingUrl", "agent", "userId", "name");
    private static final Limits SHORT = new Limits(1_000, Fixtures.TEST_LIMITS.statementLimit(),
            Fixtures.TEST_LIMITS.maxHeapBytes());
    private static final String CANARY = """
            async function canary(context) {
                const leaks = [];
                if (({}).polluted !== undefined || [].polluted !== undefined) leaks.push('prototypes');
                if (Object.prototype.toString.call([]) !== '[object Array]') leaks.push('Object.prototype.toString');
                if (!String(Array.prototype.push).includes('native code')) leaks.push('Array.prototype.push');
                if (!String(Promise.prototype.then).includes('native code')) leaks.push('Promise.prototype.then');
                if (!Object.isExtensible(Object.prototype)) leaks.push('frozen Object.prototype');
                if (JSON.stringify({ a: 1 }) !== '{"a":1}') leaks.push('JSON');
                if (typeof axios !== 'function' || typeof axios.get !== 'function'
                        || Object.keys(axios.defaults.headers.common).join() !== 'Accept') leaks.push('axios');
                if (typeof _ !== 'function' || _.VERSION !== '4.18.1' || _.leak !== undefined) leaks.push('lodash');
                if (typeof moment !== 'function' || typeof moment.tz !== 'function' || moment.locale() !== 'en'
                        || moment.utc(0).format('YYYY') !== '1970') leaks.push('moment');
                for (const name of Object.getOwnPropertyNames(globalThis)) {
                    try {
                        if (String(JSON.stringify(globalThis[name])).includes('s3cr3t')) leaks.push('secret in ' + name);
                    } catch (e) {
                        leaks.push('unreadable ' + name);
                    }
                }
                context.post_call.leaks = leaks;
                context.post_call.globals = Object.getOwnPropertyNames(globalThis).sort();
            }""";

    private static JsSandbox sandbox;
    private static JsonNode cleanGlobals;

    record Case(String name, String code, Limits limits, Consumer<FunctionRun> outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() {
        sandbox = new JsSandbox(4, Fixtures.TEST_LIMITS);
        FunctionRun first = sandbox.run(CANARY, callContext(), null);
        assertThat(first.error()).isNull();
        cleanGlobals = first.context().at("/post_call/globals");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostileScriptIsContainedAndLeavesNothingForTheNextRun(Case hostile) {
        ObjectNode input = callContext();
        ((ObjectNode) input.get("call_metadata")).put("secret", SECRET);

        FunctionRun run = sandbox.run(hostile.code(), input, LocalHttpBridge.refusing(), hostile.limits());

        hostile.outcome().accept(run);
        // Generous: the duration includes making a context when the pool is empty, slow on a loaded machine.
        assertThat(run.durationMs()).as("stopped in time").isLessThan(hostile.limits().wallTimeMs() + 10_000);
        for (String field : READ_ONLY) {
            assertThat(run.context().get(field)).as("read-only " + field).isEqualTo(input.get(field));
        }
        FunctionRun canary = sandbox.run(CANARY, callContext(), null);
        assertThat(canary.error()).isNull();
        assertThat(canary.context().at("/post_call/leaks")).as("what leaked into the next run").isEmpty();
        assertThat(canary.context().at("/post_call/globals")).isEqualTo(cleanGlobals);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // Code generation from strings, however it is reached.
                hostile("eval", "eval('1 + 1');", fails("EvalError", "dynamic evaluation of code is disabled")),
                hostile("eval reached by a computed name", "globalThis['ev' + 'al']('1 + 1');", fails("EvalError")),
                hostile("Function()", "Function('return this')();", fails("EvalError")),
                hostile("new Function", "new Function('a', 'return a')(1);", fails("EvalError")),
                hostile("AsyncFunction constructor", "(async () => {}).constructor('return 1');", fails("EvalError")),
                hostile("GeneratorFunction constructor", "(function* () {}).constructor('yield 1');", fails("EvalError")),
                hostile("AsyncGeneratorFunction constructor", "(async function* () {}).constructor('yield 1');",
                        fails("EvalError")),
                hostile("Function.prototype.constructor", "Function.prototype.constructor('return 1')();",
                        fails("EvalError")),
                hostile("Reflect.construct(Function)", "Reflect.construct(Function, ['return 1'])();", fails("EvalError")),
                hostile("this.constructor.constructor", "this.constructor.constructor('return globalThis')();",
                        fails("EvalError")),
                hostile("context.constructor.constructor", "context.constructor.constructor('return 1')();",
                        fails("EvalError")),
                hostile("lodash template compiles code", "_.template('<%= x %>')({ x: 1 });", fails("EvalError")),
                hostile("setTimeout with a code string", "setTimeout('globalThis.x = 1', 0);",
                        fails("TypeError", "code strings are not allowed")),
                // The host, the process and the file system.
                hostile("Java.type", "Java.type('java.lang.Runtime').getRuntime().exec('id');",
                        fails("ReferenceError", "Java")),
                hostile("Polyglot.eval", "Polyglot.eval('js', '1');", fails("ReferenceError", "Polyglot")),
                hostile("java package globals", "java.lang.System.exit(1);", fails("ReferenceError", "java")),
                hostile("load a file", "load('/etc/passwd');", fails("ReferenceError", "load")),
                hostile("require", "require('child_process').execSync('id');", fails("ReferenceError", "require")),
                hostile("process.env", "context.post_call.home = process.env.HOME;", fails("ReferenceError", "process")),
                hostile("dynamic import", "await import('fs');", fails("not allowed")),
                hostile("walking the caller chain towards the sandbox's internals", """
                        const seen = [];
                        const walk = (start) => {
                            let f = start;
                            try {
                                while ((f = f.caller)) seen.push(String(f).includes('host.') ? 'INTERNAL' : f.name);
                            } catch (e) {
                                seen.push(e.name);
                            }
                        };
                        await new Promise((resolve) => setTimeout(function tick() { walk(tick); resolve(); }, 0));
                        _.map([1], function each() { walk(each); });
                        context.post_call.internal = seen.includes('INTERNAL');""", records("internal", "false")),
                hostile("host-only globals are absent", """
                        context.post_call.present = ['Java', 'Polyglot', 'Packages', 'java', 'javax', 'Graal', 'Debug',
                            'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'exit', 'read', 'readline',
                            'readbuffer', 'require', 'process', 'module', 'exports', 'global', 'self', 'host',
                            'WebAssembly', 'SharedArrayBuffer', 'arguments', 'fs', 'child_process', 'Buffer']
                            .filter((name) => typeof globalThis[name] !== 'undefined');""", records("present", "[]")),
                hostile("a file URL through axios", """
                        try { await axios.get('file:///etc/passwd'); } catch (e) { context.post_call.refused = e.message; }""",
                        records("refused", "\"only absolute http(s) URLs can be requested: file:///etc/passwd\"")),
                hostile("more requests than a run may make", """
                        const answers = [];
                        for (let i = 0; i < 120; i++) answers.push(axios.get('http://127.0.0.1:1/' + i).catch((e) => e.message));
                        context.post_call.last = (await Promise.all(answers))[119];""",
                        records("last", "\"too many requests: a run may make at most 100\"")),
                // State that would leak into the next run if realms were reused.
                hostile("prototype pollution", """
                        Object.prototype.polluted = context.call_metadata.secret;
                        Array.prototype.polluted = 1;
                        Object.prototype.toString = () => 'hacked';""", succeeds()),
                hostile("patched built-ins", """
                        Array.prototype.push = function () { return 0; };
                        JSON.stringify = () => '{"post_call":{"pwned":true}}';
                        Promise.prototype.then = function () { return this; };""",
                        run -> assertThat(run.context().at("/post_call/pwned").isMissingNode()).isTrue()),
                hostile("frozen prototypes", "Object.freeze(Object.prototype); Object.freeze(Array.prototype);",
                        succeeds()),
                hostile("globals left for the next run", """
                        globalThis.leak = context.call_metadata.secret;
                        Object.defineProperty(globalThis, 'trap', { value: 1, writable: false, configurable: false });""",
                        succeeds()),
                hostile("pre-imported libraries replaced", "axios = null; _ = null; moment = null; console = null;",
                        succeeds()),
                hostile("library internals patched", """
                        _.mixin({ leak: () => context.call_metadata.secret });
                        moment.locale('fr');
                        moment.fn.format = () => 'hacked';
                        axios.defaults.headers.common['X-Leak'] = context.call_metadata.secret;""", succeeds()),
                hostile("a timer meant to fire in the next run", """
                        setTimeout(() => { globalThis.late = context.call_metadata.secret; console.log('late'); }, 50);""",
                        run -> assertThat(run.console()).doesNotContain("late")),
                // Runaway code.
                hostile("infinite loop", "while (true) {}", fails("statement limit reached")),
                hostile("infinite loop in a lodash callback", "_.times(1e15, () => {});", stoppedByALimit()),
                hostile("infinite async recursion", "const f = async () => { await null; return f(); }; await f();",
                        stoppedByALimit()),
                hostile("infinite recursion", "const f = () => f(); f();", fails("RangeError")),
                hostile("a promise that never settles", "await new Promise(() => {});", fails("never settled")),
                hostile("a thenable that never calls back", "await { then() {} };", fails("never settled")),
                hostile(SHORT, "a timer far beyond the wall time",
                        "await new Promise((resolve) => setTimeout(resolve, 60000));", fails("timed out after 1000 ms")),
                hostile(SHORT, "timers that keep rescheduling",
                        "const tick = () => setTimeout(tick, 1); tick(); await new Promise(() => {});",
                        fails("timed out after 1000 ms")),
                hostile("too many timers", "for (let i = 0; i < 5000; i++) setTimeout(() => {}, 10);",
                        fails("too many pending timers")),
                hostile("a getter that never returns when the context is saved", """
                        Object.defineProperty(context.post_call, 'slow', { enumerable: true, get() { while (true) {} } });""",
                        fails("statement limit reached")),
                // Memory.
                hostile("a gigantic string", "'x'.repeat(2 ** 30);", fails("RangeError", "Invalid string length")),
                hostile("a string that doubles forever", "let s = 'x'; while (true) s += s;",
                        fails("RangeError", "Invalid string length")),
                // Stopped by whichever limit comes first, which depends on the machine's speed and load.
                hostile("arrays that grow forever",
                        "const hoard = []; while (true) hoard.push(new Array(100000).fill(7));", stoppedByALimit()),
                hostile("one enormous array", "new Array(1e8).fill(0);", stoppedByALimit()),
                hostile("typed arrays hoarded forever",
                        "const hoard = []; while (true) hoard.push(new Float64Array(1 << 17));",
                        fails("memory limit reached")),
                hostile("strings hoarded forever",
                        "const hoard = []; for (let i = 0; ; i++) hoard.push('x'.repeat(1 << 20) + i);",
                        fails("memory limit reached")),
                hostile("a huge typed array", "new Float64Array(2 ** 28);", fails("RangeError")),
                hostile("a huge ArrayBuffer", "new ArrayBuffer(2 ** 30);", fails("RangeError")),
                hostile("console spam", "for (let i = 0; i < 100000; i++) console.log('spam', i);", run -> {
                    assertThat(run.error()).isNull();
                    assertThat(run.console()).hasSize(Execution.MAX_CONSOLE_LINES + 1)
                            .endsWith("[console output truncated after 1000 lines]");
                }),
                hostile("one enormous console line", "console.log('x'.repeat(10000000));", run -> assertThat(
                        run.console()).singleElement().satisfies(line -> assertThat(line).hasSize(10_001))),
                // Values that are not what the pipeline expects.
                hostile("throwing a number", "throw 42;", fails("threw a value that is not an Error: 42")),
                hostile("throwing a plain object", "throw { code: 'E1' };",
                        fails("threw a value that is not an Error: {\"code\":\"E1\"}")),
                hostile("rejecting with undefined", "return Promise.reject(undefined);",
                        fails("not an Error: undefined")),
                hostile("an error whose message getter throws", "throw { get message() { throw new Error('boom'); } };",
                        fails("cannot be described")),
                hostile("circular data in post_call", "context.post_call.self = context.post_call;",
                        fails("could not be saved", "circular")),
                hostile("data nested too deeply to save",
                        "let o = {}; for (let i = 0; i < 100000; i++) o = { o }; context.post_call.deep = o;",
                        fails("could not be saved")),
                // The context's read-only fields and schemas.
                hostile("writing read-only fields", """
                        context.agent = 'evil'; context.userId = 'evil'; context.call_duration = 0;
                        context.call_metadata.lead_id = 'evil'; context.call_metadata.address.city = 'evil';
                        delete context.recordingUrl;
                        Object.defineProperty(context, 'name', { value: 'evil' });
                        context.post_call.agent_seen = context.agent + '/' + context.call_metadata.address.city;""",
                        run -> {
                            assertThat(run.error()).isNull();
                            assertThat(run.context().at("/post_call/agent_seen").asText()).isEqualTo("agent-7/Pune");
                            assertThat(run.warnings()).contains("context.agent is read-only; the change was ignored",
                                    "context.call_metadata.lead_id is read-only; the change was ignored",
                                    "context.call_metadata.address.city is read-only; the change was ignored",
                                    "context.recordingUrl is read-only; the change was ignored",
                                    "context.name is read-only; the change was ignored");
                        }),
                hostile("writing read-only fields in strict mode", """
                        'use strict';
                        context.agent = 'evil';
                        context.call_metadata.lead_id = 'evil';
                        context.post_call.done = true;""", run -> {
                            assertThat(run.error()).isNull();
                            assertThat(run.context().at("/post_call/done").asBoolean()).isTrue();
                            assertThat(run.warnings()).hasSize(2);
                        }),
                hostile("read-only fields forged through toJSON", """
                        context.toJSON = () => ({ agent: 'evil', userId: 'evil' });
                        context.post_call.toJSON = () => ({ agent: 'evil' });""",
                        records("agent", "\"evil\"")),
                hostile("mutable containers replaced by the wrong types", """
                        context.post_call = 'x'; context.functions_called = {}; context.post_call_detail = null;""",
                        run -> {
                            assertThat(run.error()).isNull();
                            assertThat(run.context().get("post_call")).isEqualTo(json("{\"interested\":true}"));
                            assertThat(run.warnings()).contains(
                                    "context.post_call must stay an object; the change was ignored",
                                    "context.functions_called must stay an array; the change was ignored");
                        }),
                hostile("extra fields in a functions_called entry", """
                        context.functions_called.push({ name: 'x', parameters: {}, success: true, response: null,
                            timestamp: new Date().toISOString(), details: context.call_metadata.secret });""", run -> {
                            assertThat(run.warnings()).contains(
                                    "functions_called[0]: removed fields not in the 5-field schema: details");
                            assertThat(run.functionsCalled().get(0).has("details")).isFalse();
                        }));
    }

    private static Case hostile(String name, String body, Consumer<FunctionRun> outcome) {
        return hostile(Fixtures.TEST_LIMITS, name, body, outcome);
    }

    private static Case hostile(Limits limits, String name, String body, Consumer<FunctionRun> outcome) {
        return new Case(name, Fixtures.asFunction("attack", body), limits, outcome);
    }

    private static Consumer<FunctionRun> fails(String... fragments) {
        return run -> assertThat(run.error()).as("error").isNotNull().contains(fragments);
    }

    private static Consumer<FunctionRun> stoppedByALimit() {
        return run -> assertThat(run.error()).as("error").isNotNull()
                .containsAnyOf("memory limit reached", "statement limit reached", "timed out after");
    }

    private static Consumer<FunctionRun> succeeds() {
        return run -> assertThat(run.error()).as("error").isNull();
    }

    private static Consumer<FunctionRun> records(String field, String expectedJson) {
        return run -> {
            assertThat(run.error()).as("error").isNull();
            assertThat(run.context().at("/post_call/" + field)).isEqualTo(json("{\"v\":" + expectedJson + "}").get("v"));
        };
    }
}
