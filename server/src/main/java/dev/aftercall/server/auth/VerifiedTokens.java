package dev.aftercall.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outlet tokens whose signature and claims have been checked, by their exact text: a platform sends the same token
 * with every call, and parsing and verifying a JWT was a quarter of the bytes the server allocated per posted call
 * (BENCHMARKS.md). An entry answers only until the token's {@code exp}; from then on the caller verifies the token
 * again, so the clock skew and the error message stay jose4j's. Bounded: cleared when it holds {@link #MAX} tokens.
 */
final class VerifiedTokens {
    static final int MAX = 10_000;
    private static final long NEVER = Long.MAX_VALUE;

    private record Verified(long outletId, long expiresAtMillis) {
    }

    private final Map<String, Verified> tokens = new ConcurrentHashMap<>();

    /** The outlet of a token verified before and not expired at {@code nowMillis}; null when it must be verified. */
    Long outletOf(String token, long nowMillis) {
        Verified verified = tokens.get(token);
        if (verified == null) {
            return null;
        }
        if (nowMillis >= verified.expiresAtMillis()) {
            tokens.remove(token);
            return null;
        }
        return verified.outletId();
    }

    /** Remembers a token that passed verification; {@code expSecondsOrNull} is its {@code exp} claim, if any. */
    void remember(String token, long outletId, Long expSecondsOrNull) {
        if (tokens.size() >= MAX) {
            tokens.clear();
        }
        long expiresAt = expSecondsOrNull == null || expSecondsOrNull > NEVER / 1000 ? NEVER : expSecondsOrNull * 1000;
        tokens.put(token, new Verified(outletId, expiresAt));
    }

    int size() {
        return tokens.size();
    }
}
