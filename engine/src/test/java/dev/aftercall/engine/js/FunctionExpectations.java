package dev.aftercall.engine.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares a function example's outcome with its {@code expected-<case>.json} (format in
 * {@code flows-examples/functions/README.md}): objects are compared as subsets, {@code {"$regex": "..."}} matches
 * text, {@code null} means "absent or null", numbers compare by value. The server's example test uses it too,
 * through the engine's test-jar.
 */
public final class FunctionExpectations {
    private FunctionExpectations() {
    }

    /** {@code outcome}: {status, error, context, functions_called (new entries), console, requests (received)}. */
    public static void assertMatches(JsonNode expected, JsonNode outcome, String example) {
        String trace = "\n  example: " + example + "\n  outcome: " + outcome.toPrettyString();
        assertThat(outcome.path("status").asText()).as("status%s", trace)
                .isEqualTo(expected.path("status").asText("succeeded"));
        if (expected.has("error_contains")) {
            assertThat(outcome.path("error").asText()).as("error%s", trace)
                    .contains(expected.get("error_contains").asText());
        }
        for (String field : new String[] {"post_call", "post_call_detail"}) {
            if (expected.has(field)) {
                subset(expected.get(field), outcome.path("context").path(field), field, trace);
            }
        }
        if (expected.has("fields")) {
            subset(expected.get("fields"), outcome.path("context"), "context", trace);
        }
        if (expected.has("functions_called")) {
            JsonNode want = expected.get("functions_called");
            JsonNode got = outcome.path("functions_called");
            assertThat(got.size()).as("new functions_called entries%s", trace).isEqualTo(want.size());
            for (int i = 0; i < want.size(); i++) {
                subset(want.get(i), got.get(i), "functions_called[" + i + "]", trace);
                assertThat(got.get(i).size()).as("functions_called[%d] has the five schema fields%s", i, trace)
                        .isEqualTo(5);
            }
        }
        if (expected.has("console")) {
            assertThat(outcome.path("console").toString()).as("console%s", trace)
                    .isEqualTo(expected.get("console").toString());
        }
        if (expected.has("requests")) {
            JsonNode want = expected.get("requests");
            JsonNode got = outcome.path("requests");
            assertThat(got.size()).as("requests the target received%s", trace).isEqualTo(want.size());
            for (int i = 0; i < want.size(); i++) {
                JsonNode w = want.get(i);
                JsonNode g = got.get(i);
                String at = "requests[" + i + "]";
                matches(w.get("method"), g.get("method"), at + ".method", trace);
                matches(w.get("path"), g.get("path"), at + ".path", trace);
                if (w.has("query")) {
                    matches(w.get("query"), g.get("query"), at + ".query", trace);
                }
                if (w.has("body")) {
                    matches(w.get("body"), g.get("body"), at + ".body", trace);
                }
                w.path("headers").properties().forEach(h -> {
                    JsonNode values = header(g.path("headers"), h.getKey());
                    assertThat(values == null ? null : values.isArray() ? values.path(0).asText() : values.asText())
                            .as("%s header %s%s", at, h.getKey(), trace).isEqualTo(h.getValue().asText());
                });
            }
        }
    }

    private static JsonNode header(JsonNode headers, String name) {
        var it = headers.properties().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static void subset(JsonNode want, JsonNode got, String path, String trace) {
        want.properties().forEach(e -> matches(e.getValue(), got == null ? null : got.get(e.getKey()),
                path + "." + e.getKey(), trace));
    }

    private static void matches(JsonNode want, JsonNode got, String path, String trace) {
        if (want == null || want.isNull()) {
            assertThat(got == null || got.isNull() || got.isMissingNode()).as("%s is absent, but is %s%s", path, got,
                    trace).isTrue();
        } else if (want.isObject() && want.has("$regex")) {
            assertThat(got != null && got.isTextual()).as("%s is text%s", path, trace).isTrue();
            assertThat(got.asText()).as("%s%s", path, trace).matches(want.get("$regex").asText());
        } else if (want.isObject()) {
            assertThat(got != null && got.isObject()).as("%s is an object, but is %s%s", path, got, trace).isTrue();
            subset(want, got, path, trace);
        } else if (want.isNumber()) {
            assertThat(got != null && got.isNumber()).as("%s is a number, but is %s%s", path, got, trace).isTrue();
            assertThat(got.decimalValue()).as("%s%s", path, trace).isEqualByComparingTo(want.decimalValue());
        } else if (want.isArray()) {
            assertThat(got != null && got.isArray() && got.size() == want.size())
                    .as("%s is %s, but is %s%s", path, want, got, trace).isTrue();
            for (int i = 0; i < want.size(); i++) {
                matches(want.get(i), got.get(i), path + "[" + i + "]", trace);
            }
        } else {
            assertThat(got).as("%s%s", path, trace).isEqualTo(want);
        }
    }
}
