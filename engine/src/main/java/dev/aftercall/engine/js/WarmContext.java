package dev.aftercall.engine.js;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * A context with the libraries loaded and the runner installed, used for exactly one run and then closed, so no
 * global, prototype or library state of one run is seen by the next.
 */
record WarmContext(Context context, Value runner, HostCallbacks callbacks) {
    void close() {
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosed) {
            // A watchdog or the statement limit may have closed it first: nothing left to release.
        }
    }
}
