package dev.aftercall.server.extraction;

import dev.aftercall.engine.extract.ExtractionField;
import dev.aftercall.engine.extract.ExtractionPrompt;
import dev.aftercall.engine.extract.ExtractionResult;
import dev.aftercall.engine.extract.ModelAnswer;
import dev.aftercall.engine.extract.Transcript;
import dev.aftercall.server.llm.Llm;
import dev.aftercall.server.llm.LlmMessage;
import dev.aftercall.server.llm.LlmReply;
import dev.aftercall.server.llm.LlmUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Extraction with the language model: one structured-output request with the fields' JSON schema, and at most one
 * repair request when the answer does not fit it (malformed, cut off, missing or mistyped fields). What still does
 * not fit after the repair is null with the reason the coercion gave.
 */
@ApplicationScoped
public class LlmExtractor {
    private static final Logger LOG = Logger.getLogger(LlmExtractor.class);

    private final Llm llm;

    public LlmExtractor(Llm llm) {
        this.llm = llm;
    }

    /** What the model made of the call, and how many requests it took. */
    public record Outcome(ExtractionResult result, int requests, boolean repaired, List<String> problems) {
    }

    /**
     * @throws LlmUnavailableException when the first request gets no answer; a repair request that gets none keeps
     *                                 the first answer
     */
    public Outcome extract(List<ExtractionField> fields, Transcript transcript, ZonedDateTime reference) {
        ExtractionPrompt prompt = ExtractionPrompt.build(fields, transcript, reference);
        List<LlmMessage> messages = new ArrayList<>(List.of(LlmMessage.system(prompt.system()),
                LlmMessage.user(prompt.user())));
        LlmReply reply = llm.chat(messages, ExtractionPrompt.SCHEMA_NAME, prompt.schema());
        ModelAnswer answer = ExtractionPrompt.parseAnswer(reply.text(), fields, reference);
        int requests = reply.attempts();
        boolean repaired = false;
        if (answer.needsRepair()) {
            messages.add(LlmMessage.assistant(reply.text()));
            messages.add(LlmMessage.user(ExtractionPrompt.repairMessage(answer.violations())));
            try {
                LlmReply second = llm.chat(messages, ExtractionPrompt.SCHEMA_NAME, prompt.schema());
                requests += second.attempts();
                answer = answer.withRepair(ExtractionPrompt.parseAnswer(second.text(), fields, reference));
                repaired = true;
            } catch (LlmUnavailableException e) {
                LOG.infof("the repair request got no answer, keeping the first one: %s", e.getMessage());
            }
        }
        List<String> problems = answer.violations().stream().map(v -> v.message()).toList();
        return new Outcome(answer.result(), requests, repaired, problems);
    }
}
