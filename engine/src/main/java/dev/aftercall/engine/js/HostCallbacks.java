package dev.aftercall.engine.js;

import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The only Java a context can call: six functions handed to runtime.js at warm-up, which keeps them in a closure.
 * A pooled context is warmed before anyone knows which run will use it, so the calls go to whichever
 * {@link Execution} is attached at the time. Arguments are checked as untrusted: only strings and numbers pass.
 */
final class HostCallbacks {
    private volatile Execution execution;

    void attach(Execution target) {
        execution = target;
    }

    void detach() {
        execution = null;
    }

    ProxyObject asGuestObject() {
        return ProxyObject.fromMap(Map.of(
                "log", (ProxyExecutable) args -> target().log(text(args, 0), text(args, 1)),
                "warn", call(args -> target().warn(text(args, 0))),
                "settled", call(args -> target().settled(args.length > 0 && args[0].isString() ? args[0].asString() : null)),
                "timer", (ProxyExecutable) args -> target().addTimer(number(args, 0), number(args, 1)),
                "clearTimer", call(args -> target().clearTimer(number(args, 0))),
                "request", (ProxyExecutable) args -> target().request(number(args, 0), text(args, 1))));
    }

    private Execution target() {
        Execution current = execution;
        if (current == null) {
            throw new IllegalStateException("no run is attached to this context");
        }
        return current;
    }

    private static ProxyExecutable call(java.util.function.Consumer<Value[]> action) {
        return args -> {
            action.accept(args);
            return null;
        };
    }

    private static String text(Value[] args, int i) {
        return i < args.length && args[i].isString() ? args[i].asString() : "";
    }

    private static long number(Value[] args, int i) {
        return i < args.length && args[i].fitsInLong() ? args[i].asLong()
                : i < args.length && args[i].fitsInDouble() ? (long) args[i].asDouble() : 0;
    }
}
