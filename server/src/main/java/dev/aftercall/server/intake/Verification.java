package dev.aftercall.server.intake;

/** How a delivery's signature checked out: {@code verified}, {@code unsigned} (no secret stored) or {@code failed}. */
public record Verification(String result, String reason) {
    public static final Verification UNSIGNED = new Verification("unsigned", null);
    public static final Verification VERIFIED = new Verification("verified", null);

    public static Verification failed(String reason) {
        return new Verification("failed", reason);
    }

    public boolean accepted() {
        return !"failed".equals(result);
    }
}
