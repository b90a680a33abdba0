package dev.aftercall.engine.js;

/**
 * What one run may use. A run that exceeds a limit is stopped and fails with a reason naming the limit.
 *
 * @param wallTimeMs     wall-clock time from start to the settled promise, waits for HTTP answers included
 * @param statementLimit JavaScript statements the function's own code may execute (GraalJS statement counting;
 *                       library code called from it is not counted, the other two limits cover it); 0: no limit
 * @param maxHeapBytes   an allocation budget: bytes the run's thread allocates while it runs, interpreter
 *                       included. GraalJS community has no per-context heap measure, so this bounds how fast and
 *                       how far a run can fill the heap rather than what it retains; 0: no limit
 */
public record Limits(long wallTimeMs, long statementLimit, long maxHeapBytes) {
    public static final Limits DEFAULT = new Limits(30_000, 50_000_000, 1L << 30);

    public Limits {
        if (wallTimeMs <= 0 || statementLimit < 0 || maxHeapBytes < 0) {
            throw new IllegalArgumentException("limits must be positive (0 disables statementLimit and maxHeapBytes)");
        }
    }
}
