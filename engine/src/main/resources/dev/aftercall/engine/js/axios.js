// Aftercall's axios: the part of the axios API that post-call functions use (seed 000, DESIGN.md), over the
// server's HTTP client. A request leaves through host.request(id, json); its outcome comes back through settle(),
// called by the run's event loop when the HTTP client answers.
(function (host) {
    'use strict';
    const stringify = JSON.stringify;
    const parse = JSON.parse;
    const pending = new Map();
    let nextId = 1;
    const STATUS_TEXT = {
        200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
        304: 'Not Modified', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
        405: 'Method Not Allowed', 408: 'Request Timeout', 409: 'Conflict', 422: 'Unprocessable Entity',
        429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
        504: 'Gateway Timeout'
    };
    const METHOD_KEYS = ['common', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

    function isObject(value) {
        return value !== null && typeof value === 'object';
    }

    function axiosError(message, code, config, response) {
        const error = new Error(message);
        error.name = 'AxiosError';
        error.code = code;
        error.config = config;
        error.isAxiosError = true;
        if (response) {
            error.response = response;
            error.status = response.status;
        }
        return error;
    }

    // Header names are case-insensitive: the last one set wins, whatever its case.
    function addHeaders(target, headers, skipMethodKeys) {
        if (!isObject(headers)) return;
        for (const name of Object.keys(headers)) {
            const value = headers[name];
            if (skipMethodKeys && METHOD_KEYS.includes(name) && isObject(value)) continue;
            if (value === undefined || value === null || isObject(value) || typeof value === 'function') continue;
            for (const existing of Object.keys(target)) {
                if (existing.toLowerCase() === name.toLowerCase()) delete target[existing];
            }
            target[name] = String(value);
        }
    }

    function hasHeader(headers, name) {
        return Object.keys(headers).some((h) => h.toLowerCase() === name);
    }

    function buildUrl(config) {
        let url = String(config.url === undefined ? '' : config.url);
        if (config.baseURL && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
            url = String(config.baseURL).replace(/\/+$/, '') + (url ? '/' + url.replace(/^\/+/, '') : '');
        }
        if (isObject(config.params)) {
            const parts = [];
            for (const key of Object.keys(config.params)) {
                const value = config.params[key];
                if (value === undefined || value === null) continue;
                const values = Array.isArray(value) ? value : [value];
                for (let item of values) {
                    if (item instanceof Date) item = item.toISOString();
                    else if (isObject(item)) item = stringify(item);
                    // axios's key[]=value form, brackets percent-encoded so any URL parser accepts them
                    parts.push(encodeURIComponent(Array.isArray(value) ? key + '[]' : key) + '=' + encodeURIComponent(item));
                }
            }
            if (parts.length) url += (url.includes('?') ? '&' : '?') + parts.join('&');
        }
        return url;
    }

    function parseBody(body, config) {
        if (config.responseType === 'text' || body === '') return body;
        try {
            return parse(body);
        } catch (e) {
            return body;
        }
    }

    function send(defaults, userConfig) {
        return new Promise((resolve, reject) => {
            const config = Object.assign({}, defaults, userConfig);
            config.method = String(config.method || 'get').toLowerCase();
            const headers = {};
            const defaultHeaders = isObject(defaults.headers) ? defaults.headers : {};
            addHeaders(headers, defaultHeaders.common, false);
            addHeaders(headers, defaultHeaders[config.method], false);
            addHeaders(headers, defaultHeaders, true);
            addHeaders(headers, isObject(userConfig) ? userConfig.headers : undefined, true);
            let body = null;
            if (config.data !== undefined && config.data !== null) {
                if (typeof config.data === 'string') {
                    body = config.data;
                } else {
                    body = stringify(config.data);
                    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
                }
            }
            config.headers = headers;
            const timeout = config.timeout === undefined || config.timeout === null ? 10000 : Number(config.timeout);
            const id = nextId++;
            pending.set(id, { config, resolve, reject });
            const refusal = host.request(id, stringify({
                method: config.method.toUpperCase(), url: buildUrl(config), headers, body,
                timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.floor(timeout) : 0
            }));
            if (refusal) {
                pending.delete(id);
                reject(axiosError(refusal, 'ERR_REFUSED', config));
            }
        });
    }

    function create(defaults) {
        function axios(configOrUrl, config) {
            return typeof configOrUrl === 'string'
                ? send(axios.defaults, Object.assign({}, config, { url: configOrUrl }))
                : send(axios.defaults, configOrUrl);
        }
        axios.defaults = defaults;
        axios.request = (config) => send(axios.defaults, config);
        for (const method of ['get', 'delete', 'head', 'options']) {
            axios[method] = (url, config) => send(axios.defaults, Object.assign({}, config, { url, method }));
        }
        for (const method of ['post', 'put', 'patch']) {
            axios[method] = (url, data, config) => send(axios.defaults, Object.assign({}, config, { url, method, data }));
        }
        axios.create = (config) => create(Object.assign({}, axios.defaults, config, {
            headers: Object.assign({}, axios.defaults.headers, isObject(config) ? config.headers : undefined)
        }));
        axios.isAxiosError = (value) => isObject(value) && value.isAxiosError === true;
        return axios;
    }

    function settle(id, outcomeJson) {
        const request = pending.get(id);
        if (!request) return;
        pending.delete(id);
        const outcome = parse(outcomeJson);
        if (outcome.error !== undefined) {
            request.reject(axiosError(outcome.error, outcome.code, request.config));
            return;
        }
        const response = {
            data: parseBody(outcome.body, request.config), status: outcome.status,
            statusText: STATUS_TEXT[outcome.status] || '', headers: outcome.headers, config: request.config, request: {}
        };
        const validate = request.config.validateStatus;
        let ok;
        try {
            ok = validate === null || (typeof validate === 'function' ? validate(outcome.status)
                : outcome.status >= 200 && outcome.status < 300);
        } catch (e) {
            request.reject(e);
            return;
        }
        if (ok) {
            request.resolve(response);
        } else {
            request.reject(axiosError('Request failed with status code ' + outcome.status,
                outcome.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST', request.config, response));
        }
    }

    const axios = create({ timeout: 10000, headers: { common: { Accept: 'application/json, text/plain, */*' } } });
    return { axios, settle };
})
