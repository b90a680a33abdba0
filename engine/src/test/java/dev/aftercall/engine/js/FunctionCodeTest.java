package dev.aftercall.engine.js;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Save-time validation: shape, syntax, forbidden APIs with their position, and the functions_called schema. */
class FunctionCodeTest {

    @Test
    void theSeedsCalculateNdoaIsValidAndNamed() {
        String code = Fixtures.example("calculateNDOA");

        assertThat(FunctionCode.check(code)).isEmpty();
        assertThat(FunctionCode.functionName(code)).contains("calculateNDOA");
    }

    @Test
    void aLeadingUseStrictAndTrailingCommentsAreAllowed() {
        assertThat(FunctionCode.check("'use strict';\n// note\nasync function f(context) {}\n/* end */\n")).isEmpty();
    }

    @Test
    void aFunctionThatIsNotAsyncIsRejectedAtItsFirstToken() {
        assertThat(FunctionCode.check("\n  function calculate(context) {}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.message()).contains("must be `async function name(context)`");
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.column()).isEqualTo(3);
                });
    }

    @Test
    void twoParametersNoParameterOrAnotherNameAreRejected() {
        for (String code : List.of("async function f(context, extra) {}", "async function f() {}",
                "async function f(ctx) {}", "async function f({ post_call }) {}")) {
            assertThat(FunctionCode.check(code)).as(code).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("exactly one parameter, `context`"));
        }
    }

    @Test
    void arrowFunctionsAnonymousFunctionsAndGeneratorsAreRejected() {
        for (String code : List.of("const f = async (context) => {};", "async function (context) {}",
                "async function* f(context) {}", "(async function f(context) {})")) {
            assertThat(FunctionCode.check(code)).as(code).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.message()).containsAnyOf("must be `async function name(context)`",
                            "syntax error"));
        }
    }

    @Test
    void codeAfterTheFunctionOrASecondFunctionIsRejected() {
        assertThat(FunctionCode.check("async function f(context) {}\nasync function g(context) {}"))
                .singleElement().satisfies(p -> {
                    assertThat(p.message()).contains("nothing may follow the function");
                    assertThat(p.line()).isEqualTo(2);
                });
        assertThat(FunctionCode.check("async function f(context) {}\nf({});")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("found `f`"));
    }

    @Test
    void aSyntaxErrorIsReportedByTheParserWithItsLine() {
        assertThat(FunctionCode.check("async function f(context) {\n  const x = ;\n}")).singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).isEqualTo("syntax error: Expected an operand but found ;");
                    assertThat(p.line()).isEqualTo(2);
                });
    }

    @Test
    void anEmptyCodeIsRejected() {
        assertThat(FunctionCode.check("  \n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("empty"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            process.env.SECRET                            | 5  | `process` is forbidden
            const fs = require('fs');                     | 16 | `require` is forbidden
            eval('1 + 1');                                | 5  | `eval` is forbidden
            Function('return this')();                    | 5  | `Function` is forbidden
            new Function('return 1');                     | 9  | `Function` is forbidden
            const cp = child_process;                     | 16 | `child_process` is forbidden
            Java.type('java.lang.Runtime');               | 5  | `Java` is forbidden
            Polyglot.eval('js', '1');                     | 5  | `Polyglot` is forbidden
            await import('fs');                           | 11 | `import()` is forbidden
            (async () => {}).constructor('return 1');     | 22 | `.constructor` used this way
            this.constructor.constructor('return 1')();   | 10 | `.constructor` used this way
            globalThis.constructor;                       | 16 | `.constructor` used this way
            globalThis['eval']('1');                      | 16 | `eval` is forbidden
            const x = `${process.pid}`;                   | 18 | `process` is forbidden
            \\u0065val('1');                               | 5  | `eval` is forbidden
            """)
    void aForbiddenNameIsReportedAtItsLineAndColumn(String statement, int column, String message) {
        String code = "async function f(context) {\n    " + statement + "\n}";

        List<CodeProblem> problems = FunctionCode.check(code);

        assertThat(problems).as(code).anySatisfy(p -> {
            assertThat(p.message()).startsWith(message);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(column);
        });
    }

    @Test
    void namesInStringsCommentsTemplatesRegexesAndPropertiesAreNotFlagged() {
        String code = """
                async function f(context) {
                    // process, require and eval are only mentioned here
                    /* Function fs child_process Java Polyglot import(x) */
                    const note = "require('fs') and process.env";
                    const other = 'eval(1)';
                    const text = `process ${context.post_call.processed} eval`;
                    const pattern = /process|require\\/eval/g;
                    context.post_call.process_id = context.call_metadata.process;
                    context.post_call.mode = { process: 'batch', require: true }.process;
                    const ok = context instanceof Function;
                    const half = context.call_duration / 2 / 1;
                }""";

        assertThat(FunctionCode.check(code)).isEmpty();
    }

    @Test
    void aFunctionsCalledEntryWithExtraFieldsIsFlaggedPerField() {
        String code = """
                async function f(context) {
                    context.functions_called.push({
                        name: "f", parameters: {}, success: true, response: {}, timestamp: new Date().toISOString(),
                        details: "extra", ndoa: "x"
                    });
                }""";

        assertThat(FunctionCode.check(code)).extracting(CodeProblem::message, CodeProblem::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("functions_called entries take only name, parameters,"
                                + " success, response and timestamp: remove `details`", 4),
                        org.assertj.core.groups.Tuple.tuple("functions_called entries take only name, parameters,"
                                + " success, response and timestamp: remove `ndoa`", 4));
    }

    @Test
    void everyProblemIsReportedInSourceOrder() {
        String code = "async function f(context) {\n  require('x');\n  eval('y');\n  process.exit();\n}";

        assertThat(FunctionCode.check(code)).extracting(CodeProblem::line).containsExactly(2, 3, 4);
    }
}
