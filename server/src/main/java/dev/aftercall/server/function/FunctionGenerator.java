package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.llm.Llm;
import dev.aftercall.server.llm.LlmMessage;
import dev.aftercall.server.llm.LlmReply;
import dev.aftercall.server.llm.LlmUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * "Generate with AI" (seed 000 "AI Generation", issue 3): asks the configured language model for a function,
 * checks the answer with the same validator as {@code POST /api/v1/functions/validate}, and when it does not pass
 * asks once more with the problems. Nothing is saved: the operator reviews the draft and saves it.
 */
@ApplicationScoped
public class FunctionGenerator {
    private static final Logger LOG = Logger.getLogger(FunctionGenerator.class);
    /** The first request and one repair. */
    static final int MAX_ROUNDS = 2;

    private final Llm llm;

    public FunctionGenerator(Llm llm) {
        this.llm = llm;
    }

    /**
     * A draft function.
     *
     * @param function the function body as the API takes it (not saved)
     * @param problems what still does not pass validation; empty when it can be saved as it is
     * @param attempts how many times the model was asked (1, or 2 after a repair)
     */
    public record Generated(ObjectNode function, List<FunctionProblem> problems, int attempts) {
    }

    public boolean available() {
        return llm.isConfigured();
    }

    /**
     * @param mode {@code advanced} or {@code basic}
     * @param name the name the function must have; null lets the model choose
     * @throws LlmUnavailableException when the first request gets no answer (a repair request that gets none keeps
     *                                 the first draft and its problems)
     */
    public Generated generate(String prompt, String mode, String name) {
        ObjectNode schema = FunctionPrompt.schema(mode);
        List<LlmMessage> messages = new ArrayList<>(List.of(
                LlmMessage.system(FunctionPrompt.system(mode, name)),
                LlmMessage.user(FunctionPrompt.user(prompt))));
        ObjectNode function = null;
        List<FunctionProblem> problems = List.of();
        int round = 0;
        while (round < MAX_ROUNDS) {
            LlmReply reply;
            try {
                reply = llm.chat(messages, FunctionPrompt.SCHEMA_NAME, schema);
            } catch (LlmUnavailableException e) {
                if (function == null) {
                    throw e;
                }
                LOG.infof("the repair request for a generated function got no answer, keeping the draft: %s",
                        e.getMessage());
                break;
            }
            round++;
            List<FunctionProblem> found = new ArrayList<>();
            if (reply.truncated()) {
                found.add(FunctionProblem.of(null, "the model's answer was cut off at its token limit"));
            }
            function = FunctionPrompt.toFunction(reply.text(), mode, name, found);
            found.addAll(FunctionDefinition.problems(function));
            if (function.path("name").isMissingNode() || function.path("name").isNull()) {
                found.add(FunctionProblem.of("name", "name is required (no spaces, e.g. calculateNDOA)"));
            }
            problems = found;
            if (problems.isEmpty()) {
                break;
            }
            messages.add(LlmMessage.assistant(reply.text()));
            messages.add(LlmMessage.user(FunctionPrompt.repair(problems)));
        }
        return new Generated(function, problems, round);
    }
}
