package dev.aftercall.engine.condition;

import java.util.List;

/** Conditions joined by {@code all} (AND, the default) or {@code any} (OR). An empty group holds. */
public record ConditionGroup(String match, List<Condition> conditions) {
    public static final String ALL = "all";
    public static final String ANY = "any";

    public ConditionGroup {
        match = match == null || match.isBlank() ? ALL : match;
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
