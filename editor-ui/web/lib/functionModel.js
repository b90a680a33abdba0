// A post-call function as the edit page holds it, and the body the functions API takes (seed 000: basic mode's
// api_url/method/headers/parameters/variables/condition, advanced mode's code).

/** The seed's advanced template, named after the function. */
export function codeTemplate(name) {
  const fn = name && /^[A-Za-z_$][\w$]*$/.test(name) ? name : "myFunction";
  return `async function ${fn}(context) {
    // Read: context.call_metadata, context.post_call, context.call_duration, context.hangup_reason, ...
    // Write: context.post_call.*, context.post_call_detail.*, context.conversion_status, ...
    const connected = context.call_duration > 0;
    context.post_call.connected = connected;
    context.post_call_detail.connected = { value: connected, comment: "call_duration > 0" };

    context.functions_called.push({
        name: "${fn}",
        parameters: { call_duration: context.call_duration },
        success: true,
        response: { connected },
        timestamp: new Date().toISOString()
    });
}
`;
}

/** A sample context for Test (seed 000's fields). */
export const SAMPLE_CONTEXT = {
  agent: "agent-1",
  userId: "user-1",
  name: "Receptionist",
  call_duration: 95,
  hangup_reason: "user_hangup",
  user_phone_number: "+919876543210",
  agent_phone_number: "+918000000000",
  callSid: "CA123",
  recordingUrl: "https://recordings.example.com/CA123.mp3",
  call_metadata: { lead_id: "L-42", name: "Asha", email: "asha@example.com" },
  post_call: { interested: true },
  post_call_detail: {},
  functions_called: [],
  conversion_status: null,
  disposition_reason: null,
  next_call_scheduled: false,
};

export function newFunction() {
  return {
    name: "",
    mode: "advanced",
    order: null,
    enabled: true,
    agents: [],
    code: codeTemplate(""),
    api_url: "",
    method: "POST",
    headers: {},
    parameters: {},
    variables: {},
    condition: { call_type: "all", all: [] },
    response_mapping: {},
    auth_profile: "",
    timeout_ms: null,
  };
}

/** The edit state of a function the API answered. */
export function fromApi(fn) {
  const blank = newFunction();
  return {
    ...blank,
    ...Object.fromEntries(Object.entries(fn).filter(([, v]) => v !== null && v !== undefined)),
    agents: fn.agents ?? [],
    code: fn.code ?? blank.code,
    condition: { call_type: fn.condition?.call_type ?? "all", all: fn.condition?.all ?? [] },
    auth_profile: fn.auth_profile ?? "",
  };
}

/** The API body: only the fields of the chosen mode (the API refuses the other mode's fields). */
export function toApi(state) {
  const body = { name: state.name.trim(), mode: state.mode, enabled: state.enabled !== false };
  if (state.order !== null && state.order !== "" && state.order !== undefined) body.order = Number(state.order);
  if (state.agents?.length) body.agents = state.agents;
  if (state.mode === "advanced") {
    body.code = state.code;
    return body;
  }
  body.api_url = state.api_url;
  body.method = state.method;
  body.headers = state.headers ?? {};
  body.parameters = state.parameters ?? {};
  body.variables = state.variables ?? {};
  body.condition = { call_type: state.condition?.call_type ?? "all", all: state.condition?.all ?? [] };
  body.response_mapping = state.response_mapping ?? {};
  if (state.auth_profile) body.auth_profile = state.auth_profile;
  if (state.timeout_ms) body.timeout_ms = Number(state.timeout_ms);
  return body;
}

/** "line 3, column 7" for a problem that has them. */
export function where(problem) {
  if (problem?.line == null) return "";
  return problem.column == null ? `line ${problem.line}` : `line ${problem.line}, column ${problem.column}`;
}

/** Agent ids from "a, b ,c". */
export function parseAgents(text) {
  return text.split(",").map((a) => a.trim()).filter(Boolean);
}
