package dev.aftercall.server.function;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aftercall.engine.js.CodeProblem;
import dev.aftercall.engine.js.FunctionCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A post-call function as the API reads it: {@code name} (no spaces), {@code mode}, {@code order},
 * {@code enabled}, {@code agents}, and either {@code code} (advanced) or the basic fields ({@link BasicConfig}).
 *
 * @param order  null: after the outlet's other functions
 * @param agents null: every agent of the outlet
 */
record FunctionDefinition(String name, String mode, Integer order, boolean enabled, List<String> agents,
                          String code, BasicConfig basic) {
    static final String BASIC = "basic";
    static final String ADVANCED = "advanced";
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_CODE_LENGTH = 200_000;

    boolean advanced() {
        return ADVANCED.equals(mode);
    }

    /** The definition, or {@link InvalidFunctionException} with every problem. */
    static FunctionDefinition checked(JsonNode body) {
        List<FunctionProblem> problems = new ArrayList<>();
        FunctionDefinition definition = read(body, true, problems);
        if (!problems.isEmpty()) {
            throw new InvalidFunctionException(problems);
        }
        return definition;
    }

    /**
     * Every problem of a body, for {@code POST /api/v1/functions/validate}: there the name may be left out (an
     * editor checks code alone), and a missing mode is taken from the body ({@code code} means advanced).
     */
    static List<FunctionProblem> problems(JsonNode body) {
        List<FunctionProblem> problems = new ArrayList<>();
        read(body, false, problems);
        return problems;
    }

    private static FunctionDefinition read(JsonNode body, boolean saving, List<FunctionProblem> problems) {
        if (body == null || !body.isObject()) {
            problems.add(FunctionProblem.of(null, "send a function: {\"name\", \"mode\": \"basic\"|\"advanced\", ...}"));
            return null;
        }
        String name = name(body.get("name"), saving, problems);
        String mode = mode(body, saving, problems);
        Integer order = null;
        JsonNode o = body.get("order");
        if (o != null && !o.isNull()) {
            if (!o.isIntegralNumber() || !o.canConvertToInt() || o.asInt() < 0) {
                problems.add(FunctionProblem.of("order", "order must be a whole number, 0 or more"));
            } else {
                order = o.asInt();
            }
        }
        boolean enabled = true;
        JsonNode e = body.get("enabled");
        if (e != null && !e.isNull()) {
            if (!e.isBoolean()) {
                problems.add(FunctionProblem.of("enabled", "enabled must be true or false"));
            } else {
                enabled = e.booleanValue();
            }
        }
        List<String> agents = agents(body.get("agents"), problems);
        String code = null;
        BasicConfig basic = null;
        if (ADVANCED.equals(mode)) {
            code = code(body.get("code"), name, problems);
            for (String field : BasicConfig.FIELDS) {
                if (body.hasNonNull(field)) {
                    problems.add(FunctionProblem.of(field, field + " belongs to basic functions; an advanced "
                            + "function makes its requests with axios in its code"));
                }
            }
        } else if (BASIC.equals(mode)) {
            basic = BasicConfig.parse(body, problems);
            if (body.hasNonNull("code")) {
                problems.add(FunctionProblem.of("code", "code belongs to advanced functions; set mode to advanced"));
            }
        }
        return new FunctionDefinition(name, mode, order, enabled, agents, code, basic);
    }

    private static String name(JsonNode value, boolean required, List<FunctionProblem> problems) {
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(FunctionProblem.of("name", "name is required (no spaces, e.g. calculateNDOA)"));
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            problems.add(FunctionProblem.of("name", "name must be text (no spaces, e.g. calculateNDOA)"));
            return null;
        }
        String name = value.textValue();
        if (name.chars().anyMatch(Character::isWhitespace)) {
            problems.add(FunctionProblem.of("name", "name must not contain spaces: '" + name + "' (try '"
                    + name.strip().replaceAll("\\s+", "_") + "')"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(FunctionProblem.of("name", "name is longer than " + MAX_NAME_LENGTH + " characters"));
        }
        return name;
    }

    private static String mode(JsonNode body, boolean saving, List<FunctionProblem> problems) {
        JsonNode value = body.get("mode");
        if (value == null || value.isNull()) {
            if (!saving) {
                return body.hasNonNull("code") ? ADVANCED : BASIC;
            }
            problems.add(FunctionProblem.of("mode", "mode is required: basic or advanced"));
            return null;
        }
        String mode = value.asText();
        if (!mode.equals(BASIC) && !mode.equals(ADVANCED)) {
            problems.add(FunctionProblem.of("mode", "mode must be basic or advanced"));
            return null;
        }
        return mode;
    }

    private static List<String> agents(JsonNode value, List<FunctionProblem> problems) {
        if (value == null || value.isNull()) {
            return null;
        }
        boolean ok = value.isArray();
        List<String> agents = new ArrayList<>();
        for (JsonNode agent : value) {
            ok &= agent.isTextual() && !agent.textValue().isBlank();
            agents.add(agent.asText());
        }
        if (!ok) {
            problems.add(FunctionProblem.of("agents",
                    "agents must be a list of agent ids; leave it out to run the function for every agent"));
            return null;
        }
        return agents.isEmpty() ? null : agents;
    }

    /** Seed 000's rules via the engine's check (signature, forbidden APIs, log schema), plus name agreement. */
    private static String code(JsonNode value, String name, List<FunctionProblem> problems) {
        if (value == null || value.isNull() || !value.isTextual() || value.textValue().isBlank()) {
            problems.add(FunctionProblem.of("code", "code is required for an advanced function: "
                    + "async function " + (name == null ? "name" : name) + "(context) { ... }"));
            return null;
        }
        String code = value.textValue();
        if (code.length() > MAX_CODE_LENGTH) {
            problems.add(FunctionProblem.of("code", "code is longer than " + MAX_CODE_LENGTH + " characters"));
            return code;
        }
        for (CodeProblem p : FunctionCode.check(code)) {
            problems.add(new FunctionProblem(p.message(), "code", p.line(), p.column()));
        }
        Optional<String> declared = FunctionCode.functionName(code);
        if (name != null && declared.isPresent() && !declared.get().equals(name)) {
            int at = nameOffset(code, declared.get());
            String before = code.substring(0, at);
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = at - before.lastIndexOf('\n');
            problems.add(new FunctionProblem("the code declares `" + declared.get() + "` but the function is named `"
                    + name + "`: use the same name in both", "code", line, column));
        }
        return code;
    }

    /** Where the declared name stands in {@code async function <name>(}; 0 when it cannot be found. */
    private static int nameOffset(String code, String declared) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("async\\s+function\\s+(" + java.util.regex.Pattern.quote(declared) + ")\\s*\\(")
                .matcher(code);
        return m.find() ? m.start(1) : 0;
    }
}
