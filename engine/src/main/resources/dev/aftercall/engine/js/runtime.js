// Installs what seed 000 gives a post-call function besides lodash and moment (console, axios, timers) and returns
// the runner the Java side drives. Evaluated once per context, before any user code. `host` holds the Java
// callbacks; it stays in this closure, so user code can never reach it.
(function (host, makeAxios, makeContext) {
    'use strict';
    const g = globalThis;
    const stringify = JSON.stringify;
    const then = Promise.prototype.then;

    function show(value) {
        try {
            if (typeof value === 'string') return value;
            if (value instanceof Error) return value.name + ': ' + value.message;
            if (value === undefined || typeof value === 'symbol' || typeof value === 'bigint') return String(value);
            if (typeof value === 'function') return '[Function ' + (value.name || 'anonymous') + ']';
            const json = stringify(value);
            return json === undefined ? String(value) : json;
        } catch (e) {
            return '[unprintable value]';
        }
    }

    function where(error) {
        const stack = typeof error.stack === 'string' ? error.stack : '';
        const frame = /\(([^()\s]+:\d+:\d+)\)/.exec(stack) || /at ([^()\s]+:\d+:\d+)/.exec(stack);
        return frame ? ' (at ' + frame[1] + ')' : '';
    }

    function describe(error) {
        try {
            if (error !== null && typeof error === 'object' && typeof error.message === 'string') {
                const name = typeof error.name === 'string' && error.name ? error.name : 'Error';
                return name + ': ' + error.message + where(error);
            }
            return 'the function threw a value that is not an Error: ' + show(error);
        } catch (e) {
            return 'the function threw a value that cannot be described';
        }
    }

    const console = {};
    let consoleFull = false; // the run's console keeps a bounded number of lines; after that, spare the work
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
        console[level] = function (...args) {
            if (!consoleFull) consoleFull = !host.log(level, args.map(show).join(' '));
        };
    }
    g.console = console;

    // Timers live in the run's event loop; when the run ends its context is discarded with them.
    const timers = new Map();
    let nextTimer = 1;
    g.setTimeout = function setTimeout(callback, delay, ...args) {
        if (typeof callback !== 'function') {
            throw new TypeError('setTimeout takes a function: code strings are not allowed');
        }
        const id = nextTimer++;
        timers.set(id, () => callback(...args));
        const refusal = host.timer(id, Math.max(0, Number(delay) || 0));
        if (refusal) {
            timers.delete(id);
            throw new RangeError(refusal);
        }
        return id;
    };
    g.clearTimeout = function clearTimeout(id) {
        if (timers.delete(id)) host.clearTimer(id);
    };
    g.queueMicrotask = function queueMicrotask(callback) {
        then.call(Promise.resolve(), () => callback());
    };

    const http = makeAxios(host);
    g.axios = http.axios;

    // lodash finds the global object through `self` (its other fallback, Function('return this'), is disabled).
    delete g.self;

    let context = null;
    return {
        start(fn, inputJson) {
            context = makeContext(host, inputJson);
            let result;
            try {
                result = fn(context.view);
            } catch (e) {
                host.settled(describe(e));
                return;
            }
            then.call(Promise.resolve(result), () => host.settled(null), (e) => host.settled(describe(e)));
        },
        fireTimer(id) {
            const timer = timers.get(id);
            if (!timer) return;
            timers.delete(id);
            try {
                timer();
            } catch (e) {
                // As in Node, an exception nobody can catch ends the run.
                host.settled('a setTimeout callback threw ' + describe(e));
            }
        },
        settleRequest(id, outcomeJson) {
            http.settle(id, outcomeJson);
        },
        result() {
            try {
                return context.result();
            } catch (e) {
                throw new TypeError('the context could not be saved: ' + describe(e));
            }
        }
    };
})
