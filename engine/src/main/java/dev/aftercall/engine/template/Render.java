package dev.aftercall.engine.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What happened during one rendering pass: missing variables and warnings for the trace. A node that says
 * {@code "strict": true} renders with {@link #strict()} and then calls {@link #throwIfStrictAndMissing()};
 * rendering itself never throws for a missing variable, so lenient and strict runs produce the same trace.
 *
 * <p>Not thread-safe: create one per node execution.
 */
public final class Render {
    private final boolean strict;
    private final Set<String> missing = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();

    private Render(boolean strict) {
        this.strict = strict;
    }

    public static Render lenient() {
        return new Render(false);
    }

    public static Render strict() {
        return new Render(true);
    }

    public boolean isStrict() {
        return strict;
    }

    /** Records that {@code name} was referenced but does not exist; repeated names are recorded once. */
    public void missing(String name) {
        if (missing.add(name)) {
            warnings.add(MissingVariableException.describe(name));
        }
    }

    public void warn(String message) {
        warnings.add(message);
    }

    public List<String> missingVariables() {
        return List.copyOf(missing);
    }

    /** Missing-variable warnings and {@link #warn} messages, in the order they happened. */
    public List<String> warnings() {
        return Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    public void throwIfStrictAndMissing() {
        if (strict && !missing.isEmpty()) {
            throw new MissingVariableException(List.copyOf(missing));
        }
    }
}
