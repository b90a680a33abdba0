import { clearToken, getToken } from "./token.js";

/** An error answer of the API: {"error", "node", "field", "errors"?} plus the HTTP status. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error || body?.message || `HTTP ${status}`);
    this.status = status;
    this.body = body ?? null;
    this.node = body?.node ?? null;
    this.field = body?.field ?? null;
    this.errors = body?.errors ?? (body?.error ? [{ error: body.error, node: body.node ?? null, field: body.field ?? null }] : []);
  }
}

let onUnauthorized = () => {};

/** Called when the API refuses the token, so the app can ask for another one. */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** A request to /api/v1{path}. */
export async function api(path, options = {}) {
  return request(`/api/v1${path}`, options);
}

/** A request to a full path outside /api/v1, e.g. seed 004's /v2/post_call/data/variables. */
export async function request(url, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json", Authorization: `Bearer ${getToken() ?? ""}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { error: text };
  }
  if (response.status === 401) {
    clearToken();
    onUnauthorized(json?.error);
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}
