package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aftercall.server.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A function that cannot be saved or run, with every problem. Answered 400 as
 * {@code {"error": first message, "field": first field, "problems": [...]}}: the API's usual error shape, plus the
 * full list with lines and columns for the editor.
 */
public class InvalidFunctionException extends RuntimeException {
    private final transient List<FunctionProblem> problems;

    public InvalidFunctionException(List<FunctionProblem> problems) {
        super(problems.isEmpty() ? "invalid function" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<FunctionProblem> problems() {
        return problems;
    }

    /** The JAX-RS mapping of this exception (found by Quarkus REST in any bean archive class). */
    public static class Mapper {
        @ServerExceptionMapper
        public Response invalidFunction(InvalidFunctionException e) {
            ObjectNode body = Json.object();
            body.put("error", e.getMessage());
            FunctionProblem first = e.problems().isEmpty() ? null : e.problems().get(0);
            if (first != null && first.field() != null) {
                body.put("field", first.field());
            }
            body.set("problems", Json.tree(e.problems()));
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }
}
