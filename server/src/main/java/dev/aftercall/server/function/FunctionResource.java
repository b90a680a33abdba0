package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.api.ApiException;
import dev.aftercall.server.auth.OutletContext;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.json.Pages;
import dev.aftercall.server.llm.LlmUnavailableException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The outlet's post-call functions (seed 000): CRUD, validation with lines and columns, and test runs on a sample
 * context. Test runs are real: a basic function's request and an advanced function's axios calls go out.
 */
@Path("/api/v1/functions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FunctionResource {
    static final int MAX_PROMPT_LENGTH = 8_000;
    /** Providers echo part of a refused key ("Incorrect API key provided: sk-pr****ab"): never pass it on. */
    private static final java.util.regex.Pattern API_KEY_LIKE =
            java.util.regex.Pattern.compile("\\b(sk|key|api)[-_][A-Za-z0-9_*.-]{4,}");

    @Inject
    OutletContext outlet;

    @Inject
    FunctionService functions;

    @Inject
    FunctionRunner runner;

    @Inject
    FunctionGenerator generator;

    @GET
    public ObjectNode list(@QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("50") int size) {
        Pages.check(page, size);
        List<FunctionEntity> all = functions.list(outlet.id());
        List<ObjectNode> items = all.stream().skip((long) page * size).limit(size).map(FunctionView::of).toList();
        return Pages.of(items, page, size, all.size());
    }

    @POST
    public Response create(JsonNode body) {
        FunctionEntity function = functions.create(outlet.id(), body);
        return Response.created(URI.create("/api/v1/functions/" + function.pk)).entity(FunctionView.of(function))
                .build();
    }

    @GET
    @Path("{id}")
    public ObjectNode get(@PathParam("id") long id) {
        return FunctionView.of(functions.get(outlet.id(), id));
    }

    @PUT
    @Path("{id}")
    public ObjectNode update(@PathParam("id") long id, JsonNode body) {
        return FunctionView.of(functions.update(outlet.id(), id, body));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        functions.delete(outlet.id(), id);
        return Response.noContent().build();
    }

    /** Checks a function that is not saved: {@code {"valid": bool, "problems": [{message, field, line, column}]}}. */
    @POST
    @Path("validate")
    @Blocking
    public ObjectNode validate(JsonNode body) {
        List<FunctionProblem> problems = FunctionDefinition.problems(body);
        ObjectNode out = Json.object();
        out.put("valid", problems.isEmpty());
        out.set("problems", Json.tree(problems));
        return out;
    }

    /** Runs a saved function on {@code {"context": {...}}}; nothing is saved. */
    @POST
    @Path("{id}/test")
    @Blocking
    public ObjectNode testSaved(@PathParam("id") long id, JsonNode body) {
        FunctionDefinition function = FunctionView.definition(functions.get(outlet.id(), id));
        return test(function, body == null ? null : body.get("context"));
    }

    /** Runs {@code {"function": {...}, "context": {...}}}, a function that is not saved (checked as on save). */
    @POST
    @Path("test")
    @Blocking
    public ObjectNode testUnsaved(JsonNode body) {
        JsonNode function = body == null ? null : body.get("function");
        if (function == null || !function.isObject()) {
            throw ApiException.badRequest("send {\"function\": {...}, \"context\": {...}}", "function");
        }
        return test(FunctionDefinition.checked(function), body.get("context"));
    }

    /**
     * "Generate with AI": {@code {"prompt": "...", "mode": "advanced"|"basic", "name": optional}} answers
     * {@code {"function": {...}, "valid": bool, "problems": [...], "attempts": n}} with the draft, not saved. A draft
     * that still has problems after the repair request is answered too (200, {@code valid: false}), so the operator
     * can fix it in the editor. 503 without a configured model, 502 when the model gives no answer.
     */
    @POST
    @Path("generate")
    @Blocking
    public ObjectNode generate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("send {\"prompt\": \"...\", \"mode\": \"advanced\"|\"basic\"}", "prompt");
        }
        JsonNode prompt = body.get("prompt");
        if (prompt == null || !prompt.isTextual() || prompt.textValue().isBlank()) {
            throw ApiException.badRequest("prompt is required: describe what the function should do", "prompt");
        }
        if (prompt.textValue().length() > MAX_PROMPT_LENGTH) {
            throw ApiException.badRequest("prompt is longer than " + MAX_PROMPT_LENGTH + " characters", "prompt");
        }
        JsonNode modeNode = body.get("mode");
        String mode = modeNode == null || modeNode.isNull() ? FunctionDefinition.ADVANCED : modeNode.asText();
        if (!mode.equals(FunctionDefinition.ADVANCED) && !mode.equals(FunctionDefinition.BASIC)) {
            throw ApiException.badRequest("mode must be basic or advanced", "mode");
        }
        String name = null;
        JsonNode nameNode = body.get("name");
        if (nameNode != null && !nameNode.isNull()) {
            ObjectNode named = Json.object();
            named.set("name", nameNode);
            FunctionDefinition.problems(named).stream().filter(p -> "name".equals(p.field())).findFirst()
                    .ifPresent(p -> {
                        throw ApiException.badRequest(p.message(), "name");
                    });
            name = nameNode.textValue();
        }
        if (!generator.available()) {
            throw new ApiException(503, "no language model is configured: set AFTERCALL_LLM_BASE_URL (an "
                    + "OpenAI-compatible endpoint), AFTERCALL_LLM_API_KEY and optionally AFTERCALL_LLM_MODEL, then "
                    + "restart", null, null);
        }
        FunctionGenerator.Generated generated;
        try {
            generated = generator.generate(prompt.textValue(), mode, name);
        } catch (LlmUnavailableException e) {
            throw new ApiException(502, "the language model gave no answer: " + withoutKeys(e.getMessage()), null,
                    null);
        }
        ObjectNode out = Json.object();
        out.set("function", generated.function());
        out.put("valid", generated.problems().isEmpty());
        out.set("problems", Json.tree(generated.problems()));
        out.put("attempts", generated.attempts());
        return out;
    }

    /** The model's error as the caller may see it: anything shaped like an API key is replaced. */
    static String withoutKeys(String message) {
        return message == null ? "" : API_KEY_LIKE.matcher(message).replaceAll("[redacted]");
    }

    private ObjectNode test(FunctionDefinition function, JsonNode sample) {
        ObjectNode before;
        try {
            before = FunctionContext.ofSample(sample);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), "context");
        }
        FunctionOutcome outcome = runner.run(outlet.id(), "test:" + UUID.randomUUID(), function, before.deepCopy());
        ObjectNode out = Json.object();
        out.set("context", outcome.context());
        out.set("changes", FunctionContext.changes(before, outcome.context()));
        out.set("functions_called", FunctionContext.newEntries(before, outcome.context()));
        out.set("console", Json.tree(outcome.console()));
        out.set("requests", Json.tree(outcome.requests()));
        out.put("duration_ms", outcome.durationMs());
        out.put("error", outcome.status().equals(FunctionOutcome.FAILED) ? outcome.error() : null);
        out.put("status", outcome.status());
        if (outcome.status().equals(FunctionOutcome.SKIPPED)) {
            out.put("skipped", outcome.error());
        }
        out.set("warnings", Json.tree(outcome.warnings()));
        return out;
    }
}
