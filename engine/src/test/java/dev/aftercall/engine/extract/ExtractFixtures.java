package dev.aftercall.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Fixtures under {@code src/test/resources/extract/}, and the reference time most tests use. */
final class ExtractFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** The call ended on Sunday 22 November 2026 at 10:00 in Kolkata. */
    static final ZonedDateTime CALL_END = ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, KOLKATA);

    private ExtractFixtures() {
    }

    static JsonNode json(String resource) {
        try (InputStream in = ExtractFixtures.class.getResourceAsStream("/extract/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture extract/" + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ExtractionField> seed003Fields() {
        return ExtractionField.listFromJson(json("seed003-fields.json"));
    }

    static List<ExtractionField> seed004Fields() {
        return ExtractionField.listFromJson(json("seed004-get-variables.json").get("payload"));
    }
}
