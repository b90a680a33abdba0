package dev.aftercall.engine.js;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Shared test material: seed 000's code, a whole call's context, and a sandbox with short limits. */
final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Short enough that runaway scripts are stopped quickly, generous for every legitimate script here. */
    static final Limits TEST_LIMITS = new Limits(5_000, 500_000, 256L << 20);

    private Fixtures() {
    }

    static String resource(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException(path + " not found");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The code of an example under {@code flows-examples/functions/<name>/function.js}, which the build puts on the
     * test class path, so a benchmark run from any directory finds it too.
     */
    static String example(String name) {
        return resource("functions/" + name + "/function.js");
    }

    /** A seed snippet that is a function body, inside the signature seed 000 requires. */
    static String asFunction(String name, String body) {
        return "async function " + name + "(context) {\n" + body + "\n}\n";
    }

    /** A finished call's context with every field seed 000 lists. */
    static ObjectNode callContext() {
        return json("""
                {"call_metadata": {"lead_id": "L-42", "name": "Ravi", "email": "ravi@example.com",
                                   "address": {"city": "Pune"}},
                 "post_call": {"interested": true}, "post_call_detail": {}, "functions_called": [],
                 "conversion_status": false, "disposition_reason": "", "next_call_scheduled": false,
                 "call_duration": 95, "hangup_reason": "USER_HANGUP", "user_phone_number": "+919800000001",
                 "agent_phone_number": "+918000000002", "callSid": "CA123",
                 "recordingUrl": "https://recordings.example.com/CA123.mp3", "agent": "agent-7", "userId": "user-3",
                 "name": "Asha"}""");
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
