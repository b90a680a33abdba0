package dev.aftercall.server.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A voice platform whose end-of-call webhook Aftercall reads natively, as it appears in {@code /hooks/{platform}/...}. */
public enum Platform {
    RETELL(new RetellMapper()),
    VAPI(new VapiMapper()),
    BLAND(new BlandMapper()),
    /** Aftercall's own call format, the body of {@code POST /api/v1/calls}. */
    GENERIC(new GenericMapper());

    private final PlatformMapper mapper;

    Platform(PlatformMapper mapper) {
        this.mapper = mapper;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public PlatformMapper mapper() {
        return mapper;
    }

    public static Optional<Platform> of(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(wireName)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Platform::wireName).toList());
    }
}
