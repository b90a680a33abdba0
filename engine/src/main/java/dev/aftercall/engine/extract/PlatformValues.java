package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges what the voice platform already sent in the call's {@code post_call} with what extraction found: the
 * platform's value is kept (source {@code platform}) unless extraction found a non-null one, since a value the
 * platform measured during the call is better than none. Only the given fields are merged; other
 * {@code post_call} keys stay on the call untouched.
 */
public final class PlatformValues {
    private PlatformValues() {
    }

    /** As {@link #merge(ExtractionResult, ObjectNode, List, ZonedDateTime)} without a reference time. */
    public static ExtractionResult merge(ExtractionResult extracted, ObjectNode platformPostCall,
            List<ExtractionField> fields) {
        return merge(extracted, platformPostCall, fields, null);
    }

    /**
     * Merges per field, in the fields' order.
     *
     * @param platformPostCall the call's {@code post_call} as posted; may be null
     * @param reference        the call's end in the outlet's zone, to type relative dates the platform sent
     */
    public static ExtractionResult merge(ExtractionResult extracted, ObjectNode platformPostCall,
            List<ExtractionField> fields, ZonedDateTime reference) {
        Map<String, ExtractedValue> merged = new LinkedHashMap<>();
        for (ExtractionField field : fields) {
            ExtractedValue found = extracted.get(field.name());
            JsonNode sent = platformPostCall == null ? null : platformPostCall.get(field.name());
            boolean platformHasValue = sent != null && !sent.isNull();
            if (found != null && !found.isNull() || !platformHasValue) {
                merged.put(field.name(), found != null ? found
                        : ExtractedValue.missing(field.type().wireName(), ExtractedValue.PLATFORM,
                                "neither extracted nor sent by the platform"));
                continue;
            }
            ExtractedValue typed = ValueCoercion.coerce(field, sent, reference, ExtractedValue.PLATFORM);
            // The platform's value is kept even when it does not fit the type: it is what the platform sent.
            merged.put(field.name(), typed.isNull()
                    ? new ExtractedValue(sent, field.type().wireName(), ExtractedValue.PLATFORM,
                            "sent by the platform; kept as sent: " + typed.reason(), null)
                    : typed.withReason("sent by the platform in post_call"));
        }
        return new ExtractionResult(merged);
    }
}
