// The `context` a post-call function receives (seed 000 "Context Object"). Read-only fields ignore writes and
// report a warning instead of throwing, so sloppy and strict code behave alike. This is for the operator's
// benefit: the Java side saves only the mutable fields, so read-only values cannot change whatever happens here.
(function (host, inputJson) {
    'use strict';
    const READ_ONLY = ['call_metadata', 'call_duration', 'hangup_reason', 'user_phone_number', 'agent_phone_number',
        'callSid', 'recordingUrl', 'agent', 'userId', 'name'];
    const MUTABLE = ['post_call', 'post_call_detail', 'functions_called', 'conversion_status', 'disposition_reason',
        'next_call_scheduled'];
    const stringify = JSON.stringify;
    const input = JSON.parse(inputJson);
    const warned = new Set();

    function warn(message) {
        if (!warned.has(message)) {
            warned.add(message);
            host.warn(message);
        }
    }

    function isRecord(value) {
        return value !== null && typeof value === 'object' && !Array.isArray(value);
    }

    function shapeProblem(field, value) {
        if ((field === 'post_call' || field === 'post_call_detail') && !isRecord(value)) {
            return 'context.' + field + ' must stay an object; the change was ignored';
        }
        if (field === 'functions_called' && !Array.isArray(value)) {
            return 'context.functions_called must stay an array; the change was ignored';
        }
        return null;
    }

    // call_metadata is read-only all the way down; nested objects get views of their own, made once each.
    const views = new WeakMap();
    function readOnly(value, path) {
        if (value === null || typeof value !== 'object') return value;
        let view = views.get(value);
        if (!view) {
            view = new Proxy(value, {
                get(target, key) {
                    const v = Reflect.get(target, key);
                    return typeof key === 'string' ? readOnly(v, path + '.' + key) : v;
                },
                getOwnPropertyDescriptor(target, key) {
                    const d = Reflect.getOwnPropertyDescriptor(target, key);
                    if (d && 'value' in d && typeof key === 'string') d.value = readOnly(d.value, path + '.' + key);
                    return d;
                },
                set(target, key) {
                    warn(path + '.' + String(key) + ' is read-only; the change was ignored');
                    return true;
                },
                deleteProperty(target, key) {
                    warn(path + '.' + String(key) + ' is read-only; the change was ignored');
                    return true;
                },
                defineProperty(target, key, descriptor) {
                    warn(path + '.' + String(key) + ' is read-only; the change was ignored');
                    return descriptor.configurable !== false;
                },
                setPrototypeOf() {
                    warn(path + ' is read-only; the change was ignored');
                    return false;
                },
                preventExtensions() {
                    return false;
                }
            });
            views.set(value, view);
        }
        return view;
    }

    const state = {};
    for (const field of READ_ONLY) {
        if (field in input) state[field] = input[field];
    }
    state.call_metadata = readOnly(isRecord(input.call_metadata) ? input.call_metadata : {}, 'context.call_metadata');
    for (const field of MUTABLE) {
        if (field in input) state[field] = input[field];
    }
    if (!isRecord(state.post_call)) state.post_call = {};
    if (!isRecord(state.post_call_detail)) state.post_call_detail = {};
    if (!Array.isArray(state.functions_called)) state.functions_called = [];

    const view = new Proxy(state, {
        set(target, key, value) {
            if (typeof key === 'string' && MUTABLE.includes(key)) {
                const problem = shapeProblem(key, value);
                if (problem) warn(problem); else target[key] = value;
            } else if (typeof key === 'string' && READ_ONLY.includes(key)) {
                warn('context.' + key + ' is read-only; the change was ignored');
            } else {
                warn('context.' + String(key) + ' is not a context field: it is kept during this run but not saved');
                target[key] = value;
            }
            return true;
        },
        deleteProperty(target, key) {
            if (typeof key === 'string' && READ_ONLY.includes(key)) {
                warn('context.' + key + ' is read-only; the change was ignored');
                return true;
            }
            return delete target[key];
        },
        defineProperty(target, key, descriptor) {
            if (typeof key === 'string' && READ_ONLY.includes(key)) {
                warn('context.' + key + ' is read-only; the change was ignored');
                return descriptor.configurable !== false;
            }
            if (typeof key === 'string' && MUTABLE.includes(key) && 'value' in descriptor) {
                const problem = shapeProblem(key, descriptor.value);
                if (problem) {
                    warn(problem);
                    return descriptor.configurable !== false;
                }
            }
            return Reflect.defineProperty(target, key, descriptor);
        }
    });

    return {
        view,
        // Only the mutable fields leave the run.
        result() {
            const out = {};
            for (const field of MUTABLE) out[field] = state[field];
            return stringify(out);
        }
    };
})
