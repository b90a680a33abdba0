package dev.aftercall.engine.js;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Makes the sandbox's contexts: one shared {@link Engine}, so the libraries and each function's code are parsed
 * once, and a context configuration with nothing of the host in it.
 *
 * <p>No host class lookup filter is set at all: even one refusing every class would install the {@code Java}
 * global.
 *
 * <p>Why not {@code SandboxPolicy.CONSTRAINED}: that policy refuses the options that bound memory
 * ({@code js.string-length-limit}, {@code js.max-typed-array-length}). Everything it would check is set here
 * explicitly instead: no host access, class lookup, polyglot access, IO, threads, processes, native access or
 * environment; output streams discarded; {@code Java}, {@code Polyglot}, {@code Graal}, {@code load},
 * {@code print} absent; code generation from strings ({@code eval}, every {@code Function}-family constructor)
 * disabled by {@code js.allow-eval=false}.
 */
final class ContextFactory implements AutoCloseable {
    /** 32 Mi characters; one string can never take more than 64 MB. */
    static final int MAX_STRING_LENGTH = 1 << 25;
    /** 16 Mi elements; one typed array or ArrayBuffer can never take more than 128 MB. */
    static final int MAX_TYPED_ARRAY_LENGTH = 1 << 24;

    /** Statements are counted in user code only: our sources are internal. One instance, as a shared engine needs. */
    private static final Predicate<Source> USER_CODE = source -> !source.isInternal();
    private static final String WEBJARS = "META-INF/resources/webjars/";

    private final Engine engine;
    private final Source prelude;
    private final Source lodash;
    private final Source moment;
    private final Source momentTimezone;
    private final Source axios;
    private final Source contextView;
    private final Source runtime;
    private final Source warmup;
    private final Map<Long, ResourceLimits> resourceLimits = new ConcurrentHashMap<>();

    ContextFactory() {
        engine = Engine.newBuilder("js")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .allowExperimentalOptions(true)
                .option("js.allow-eval", "false")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.global-arguments", "false")
                .option("js.shared-array-buffer", "false")
                .option("js.string-length-limit", Integer.toString(MAX_STRING_LENGTH))
                .option("js.max-typed-array-length", Integer.toString(MAX_TYPED_ARRAY_LENGTH))
                .build();
        // lodash looks for the global object through `self`; runtime.js removes it again.
        prelude = internal("globalThis.self = globalThis;", "aftercall-prelude.js");
        lodash = webjar("lodash/4.18.1/lodash.min.js");
        moment = webjar("moment/2.30.1/min/moment.min.js");
        momentTimezone = webjar("moment-timezone/0.6.0/builds/moment-timezone-with-data.min.js");
        axios = resource("axios.js");
        contextView = resource("context.js");
        runtime = resource("runtime.js");
        warmup = resource("warmup.js");
    }

    /**
     * A context with lodash, moment, moment-timezone, axios and the runner installed, ready for one run. Costly
     * (tens of milliseconds): {@link ContextPool} calls it ahead of need.
     */
    WarmContext create(long statementLimit) {
        HostCallbacks callbacks = new HostCallbacks();
        Context context = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLoading(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowValueSharing(false)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .in(InputStream.nullInputStream())
                .resourceLimits(resourceLimits.computeIfAbsent(statementLimit, ContextFactory::limits))
                .build();
        try {
            context.eval(prelude);
            context.eval(lodash);
            context.eval(moment);
            context.eval(momentTimezone);
            Value runner = context.eval(runtime)
                    .execute(callbacks.asGuestObject(), context.eval(axios), context.eval(contextView));
            context.eval(warmup);
            return new WarmContext(context, runner, callbacks);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /** The function's code as a cached source: runs of the same code share its parsed form. */
    Source userCode(String code, String functionName) {
        return Source.newBuilder("js", code, functionName + ".js").buildLiteral();
    }

    @Override
    public void close() {
        engine.close(true);
    }

    private static ResourceLimits limits(long statementLimit) {
        return ResourceLimits.newBuilder().statementLimit(statementLimit, USER_CODE).build();
    }

    private static Source webjar(String path) {
        return internal(read(WEBJARS + path), path.substring(path.lastIndexOf('/') + 1));
    }

    private static Source resource(String name) {
        return internal(read("dev/aftercall/engine/js/" + name), "aftercall-" + name);
    }

    private static Source internal(String code, String name) {
        return Source.newBuilder("js", code, name).internal(true).buildLiteral();
    }

    private static String read(String path) {
        try (InputStream in = ContextFactory.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath (webjar dependency missing?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
