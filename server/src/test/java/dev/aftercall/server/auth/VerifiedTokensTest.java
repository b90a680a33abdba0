package dev.aftercall.server.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VerifiedTokensTest {
    private final VerifiedTokens tokens = new VerifiedTokens();

    @Test
    void anUnknownTokenMustBeVerified() {
        assertNull(tokens.outletOf("a.b.c", 0));
    }

    @Test
    void aTokenWithoutExpiryAnswersItsOutlet() {
        tokens.remember("a.b.c", 7, null);
        assertEquals(7L, tokens.outletOf("a.b.c", Long.MAX_VALUE - 1));
        assertNull(tokens.outletOf("a.b.d", 0), "only the exact token text is known");
    }

    @Test
    void anEntryStopsAnsweringAtTheTokensExpiry() {
        tokens.remember("a.b.c", 7, 1_000L);
        assertEquals(7L, tokens.outletOf("a.b.c", 999_999));
        assertNull(tokens.outletOf("a.b.c", 1_000_000));
        assertEquals(0, tokens.size(), "the expired entry is dropped");
    }

    @Test
    void anExpiryBeyondMillisecondsNeverOverflows() {
        tokens.remember("a.b.c", 7, Long.MAX_VALUE);
        assertEquals(7L, tokens.outletOf("a.b.c", System.currentTimeMillis()));
    }

    @Test
    void isClearedWhenFull() {
        for (int i = 0; i < VerifiedTokens.MAX; i++) {
            tokens.remember("token-" + i, i, null);
        }
        assertEquals(VerifiedTokens.MAX, tokens.size());
        tokens.remember("one-more", 1, null);
        assertEquals(1, tokens.size());
        assertEquals(1L, tokens.outletOf("one-more", 0));
    }
}
