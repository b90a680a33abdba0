package dev.aftercall.server.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.engine.extract.EmbeddedExtractor;
import dev.aftercall.engine.extract.ExtractedValue;
import dev.aftercall.engine.extract.ExtractionField;
import dev.aftercall.engine.extract.ExtractionResult;
import dev.aftercall.engine.extract.PlatformValues;
import dev.aftercall.engine.extract.Transcript;
import dev.aftercall.server.call.CallResults;
import dev.aftercall.server.json.Json;
import dev.aftercall.server.llm.Llm;
import dev.aftercall.server.llm.LlmUnavailableException;
import dev.aftercall.server.pipeline.Blocking;
import dev.aftercall.server.pipeline.CallWork;
import dev.aftercall.server.pipeline.PipelineStage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * First stage: turns the transcript into the call's typed variables, when the call has a transcript and its
 * outlet or agent defines variables. With a language model configured it asks the model ({@link LlmExtractor});
 * without one, or when the model gives no answer, the embedded extractor fills what it recognises. Values the
 * platform sent in {@code post_call} stay unless extraction found one. Saved on the call as {@code ai_analysis}
 * (value, type, source, reason per field), in {@code post_call} and {@code post_call_detail}, so functions, flows,
 * actions and destinations see them. Runs once per call: a saved analysis is not redone after a crash.
 */
@ApplicationScoped
public class ExtractionStage implements PipelineStage {
    public static final int ORDER = 100;
    /** The results key of the analysis ("AI analysis" in seed 003). */
    public static final String AI_ANALYSIS = "ai_analysis";
    /** The results key of how the analysis was made (model, requests, problems). */
    public static final String EXTRACTION = "extraction";
    private static final Logger LOG = Logger.getLogger(ExtractionStage.class);

    private final VariableStore variables;
    private final CallResults results;
    private final CallClock clock;
    private final Llm llm;
    private final LlmExtractor llmExtractor;
    private final EmbeddedExtractor embedded = new EmbeddedExtractor();

    public ExtractionStage(VariableStore variables, CallResults results, CallClock clock, Llm llm,
                           LlmExtractor llmExtractor) {
        this.variables = variables;
        this.results = results;
        this.clock = clock;
        this.llm = llm;
        this.llmExtractor = llmExtractor;
    }

    @Override
    public String name() {
        return "extraction";
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public CompletionStage<Void> run(CallWork work) {
        return Blocking.run(() -> extract(work));
    }

    void extract(CallWork work) {
        List<ExtractionField> fields = variables.fieldsFor(work.outletId(), work.agent());
        Transcript transcript = Transcript.of(work.call().get("transcript"));
        if (fields.isEmpty() || transcript.isEmpty() || results.read(work.callPk()).has(AI_ANALYSIS)) {
            return;
        }
        ZonedDateTime reference = clock.endOf(work.callPk(), work.outletId(), work.call());
        ObjectNode meta = Json.object();
        meta.put("reference_time", reference.toOffsetDateTime().toString());
        meta.put("time_zone", reference.getZone().getId());
        ExtractionResult extracted = extract(fields, transcript, reference, meta);
        JsonNode posted = work.call().get("post_call");
        ExtractionResult merged = PlatformValues.merge(extracted,
                posted instanceof ObjectNode object ? object : null, fields, reference);
        results.update(work, saved -> save(saved, work, merged, meta));
    }

    private ExtractionResult extract(List<ExtractionField> fields, Transcript transcript, ZonedDateTime reference,
                                     ObjectNode meta) {
        if (!llm.isConfigured()) {
            meta.put("method", ExtractedValue.EMBEDDED);
            return embedded.extract(fields, transcript, reference);
        }
        meta.put("model", llm.modelName());
        try {
            LlmExtractor.Outcome outcome = llmExtractor.extract(fields, transcript, reference);
            meta.put("method", ExtractedValue.LLM);
            meta.put("requests", outcome.requests());
            meta.put("repaired", outcome.repaired());
            outcome.problems().forEach(meta.putArray("problems")::add);
            return outcome.result();
        } catch (LlmUnavailableException e) {
            // The call still gets what can be found without a model; the job is not held up by a model outage.
            LOG.warnf("call extraction fell back to the embedded extractor: %s", e.getMessage());
            meta.put("method", ExtractedValue.EMBEDDED);
            meta.put("model_error", e.getMessage());
            String reason = "the extraction model gave no answer (" + e.getMessage() + ")";
            Map<String, ExtractedValue> values = new LinkedHashMap<>();
            embedded.extract(fields, transcript, reference).values().forEach((name, value) -> values.put(name,
                    value.isNull() ? value.withReason(reason) : value));
            return new ExtractionResult(values);
        }
    }

    private static void save(ObjectNode saved, CallWork work, ExtractionResult merged, ObjectNode meta) {
        saved.set(AI_ANALYSIS, merged.toJson());
        saved.set(EXTRACTION, meta);
        ObjectNode postCall = objectOr(saved.get("post_call"), work.call().get("post_call"));
        ObjectNode detail = objectOr(saved.get("post_call_detail"), work.call().get("post_call_detail"));
        merged.values().forEach((name, value) -> {
            postCall.set(name, value.value());
            ObjectNode entry = detail.putObject(name);
            entry.set("value", value.value());
            entry.put("comment", value.source() + (value.reason() == null ? "" : ": " + value.reason()));
        });
        saved.set("post_call", postCall);
        saved.set("post_call_detail", detail);
    }

    private static ObjectNode objectOr(JsonNode current, JsonNode posted) {
        if (current instanceof ObjectNode object) {
            return object;
        }
        return posted instanceof ObjectNode object ? object.deepCopy() : Json.object();
    }
}
