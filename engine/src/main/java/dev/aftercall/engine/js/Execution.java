package dev.aftercall.engine.js;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * One run of one function in one fresh context, and its event loop. GraalJS contexts are single-threaded, so
 * everything that touches the context happens on the thread that calls {@link #run}: it calls the function,
 * then waits for work posted by HTTP completions (other threads) and for due timers, and calls back into the
 * context for each; promise jobs run when each call returns. The loop ends when the function's promise settles,
 * when nothing is left that could settle it, or when a limit stops the run.
 */
final class Execution {
    static final int MAX_CONSOLE_LINES = 1000;
    static final int MAX_CONSOLE_LINE_CHARS = 10_000;
    static final int MAX_WARNINGS = 100;
    static final int MAX_TIMERS = 1000;

    /** What a run leaves behind; {@code contextJson} (the mutable fields) is null when the run was stopped. */
    record Result(String contextJson, String error, List<String> console, List<String> warnings,
                  List<RequestLog> requests) {
    }

    private record Timer(long id, long dueNanos, long sequence) {
    }

    private final WarmContext warm;
    private final Limits limits;
    private final Watchdog watchdog;
    private final OutboundRequests requests;
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.dueNanos() != b.dueNanos()
            ? Long.compare(a.dueNanos(), b.dueNanos()) : Long.compare(a.sequence(), b.sequence()));
    private final Map<Long, Timer> timersById = new HashMap<>();
    private final List<String> console = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean consoleTruncated;
    private long timerSequence;
    private long deadlineNanos;
    private boolean settled;
    private String failure;
    private volatile String stopReason;

    Execution(WarmContext warm, HttpBridge http, Limits limits, Watchdog watchdog) {
        this.warm = warm;
        this.limits = limits;
        this.watchdog = watchdog;
        this.requests = new OutboundRequests(http, inbox::add, this::remainingMs);
    }

    Result run(Source code, String functionName, String inputJson) {
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.wallTimeMs());
        warm.callbacks().attach(this);
        Watchdog.Watch watch = watchdog.watch(warm, limits.wallTimeMs(), limits.maxHeapBytes(), reason -> {
            stopReason = reason;
            inbox.add(() -> { }); // wakes the loop if it is waiting
        });
        String contextJson = null;
        try {
            warm.context().eval(code);
            Value function = warm.context().getBindings("js").getMember(functionName);
            warm.runner().invokeMember("start", function, inputJson);
            loop();
            if (stopReason == null) {
                contextJson = warm.runner().invokeMember("result").asString();
            }
        } catch (PolyglotException e) {
            failure = describe(e);
        } catch (IllegalStateException e) {
            // The watchdog closed the context between two calls into it.
            failure = stopReason != null ? stopReason : "the function's context was closed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "the run was interrupted";
        } catch (RuntimeException e) {
            // Whatever went wrong, the pipeline gets a failed function, not an exception.
            failure = stopReason != null ? stopReason : "internal error of the sandbox: " + e;
        } finally {
            watch.cancel();
            warm.callbacks().detach();
        }
        if (stopReason != null) {
            failure = stopReason;
            contextJson = null;
        }
        if (consoleTruncated) {
            console.add("[console output truncated after " + MAX_CONSOLE_LINES + " lines]");
        }
        return new Result(contextJson, failure, console, warnings, requests.finish());
    }

    private void loop() throws InterruptedException {
        while (!settled && stopReason == null) {
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                stopReason = "timed out after " + limits.wallTimeMs() + " ms";
                return;
            }
            if (inbox.isEmpty() && timers.isEmpty() && requests.inFlight() == 0) {
                failure = "the function's promise never settled: it waits for something that cannot happen"
                        + " (a promise nobody resolves)";
                return;
            }
            long waitNanos = deadlineNanos - now;
            if (!timers.isEmpty()) {
                waitNanos = Math.min(waitNanos, timers.peek().dueNanos() - now);
            }
            Runnable task = waitNanos > 0 ? inbox.poll(waitNanos, TimeUnit.NANOSECONDS) : inbox.poll();
            if (task != null) {
                task.run();
            }
            fireDueTimers();
        }
    }

    private void fireDueTimers() {
        long now = System.nanoTime();
        while (!settled && stopReason == null && !timers.isEmpty() && timers.peek().dueNanos() <= now) {
            Timer timer = timers.poll();
            timersById.remove(timer.id());
            warm.runner().invokeMember("fireTimer", timer.id());
        }
    }

    private long remainingMs() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private String describe(PolyglotException e) {
        if (stopReason != null) {
            return stopReason;
        }
        if (e.isCancelled()) {
            // Only the statement limit cancels a context without a stop reason of ours (GraalJS: "Statement count
            // limit of N exceeded"); anything else means the sandbox itself was closed under the run.
            String message = String.valueOf(e.getMessage());
            return message.contains("Statement count limit")
                    ? "statement limit reached: the function ran more than " + limits.statementLimit() + " statements"
                    : "the run was cancelled: " + message;
        }
        if (e.isResourceExhausted()) {
            return "memory limit reached: " + e.getMessage();
        }
        if (e.isSyntaxError()) {
            SourceSection at = e.getSourceLocation();
            return "SyntaxError: " + e.getMessage() + (at == null ? "" : " (line " + at.getStartLine() + ")");
        }
        if (e.isHostException()) {
            return "internal error of the sandbox: " + e.asHostException();
        }
        return e.getMessage();
    }

    // Callbacks from the context (see HostCallbacks); they run on the run's thread, inside JavaScript.

    /** False once the console is full: runtime.js then stops formatting and sending lines. */
    boolean log(String level, String text) {
        if (console.size() >= MAX_CONSOLE_LINES) {
            consoleTruncated = true;
            return false;
        }
        String line = switch (level) {
            case "warn", "error", "info", "debug" -> "[" + level + "] " + text;
            default -> text;
        };
        console.add(line.length() > MAX_CONSOLE_LINE_CHARS ? line.substring(0, MAX_CONSOLE_LINE_CHARS) + "…" : line);
        return true;
    }

    void warn(String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(message);
        }
    }

    void settled(String error) {
        if (!settled) {
            settled = true;
            failure = error;
        }
    }

    /** Null when the timer is set, otherwise why not (runtime.js throws it as a RangeError). */
    String addTimer(long id, long delayMs) {
        if (timersById.size() >= MAX_TIMERS) {
            return "too many pending timers (at most " + MAX_TIMERS + ")";
        }
        long delay = Math.min(Math.max(0, delayMs), limits.wallTimeMs() + 1);
        Timer timer = new Timer(id, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay), timerSequence++);
        timers.add(timer);
        timersById.put(id, timer);
        return null;
    }

    void clearTimer(long id) {
        Timer timer = timersById.remove(id);
        if (timer != null) {
            timers.remove(timer);
        }
    }

    String request(long id, String requestJson) {
        return requests.start(requestJson, outcomeJson -> {
            if (!settled && stopReason == null) {
                warm.runner().invokeMember("settleRequest", id, outcomeJson);
            }
        });
    }
}
