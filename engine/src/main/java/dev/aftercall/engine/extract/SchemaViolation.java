package dev.aftercall.engine.extract;

/**
 * Why a model's answer does not fit the extraction schema; listed in the one repair request
 * ({@link ExtractionPrompt#repairMessage(java.util.List)}).
 *
 * @param field   the field concerned, or null for the answer as a whole
 * @param problem what kind of misfit
 * @param message a sentence for the model and for the call's trace
 */
public record SchemaViolation(String field, Problem problem, String message) {
    /** Kinds of misfit. */
    public enum Problem {
        MALFORMED_JSON,
        TRUNCATED_JSON,
        NOT_AN_OBJECT,
        MISSING_FIELD,
        /** A value that could not be coerced to the field's type. */
        WRONG_TYPE,
        /** A field the schema does not define; ignored, and not worth a repair request on its own. */
        UNEXPECTED_FIELD
    }
}
