// A catalogue shaped like the one NodeCatalogue.java embeds, for the unit tests.
export const TEST_CATALOGUE = {
  nodes: [
    { type: "start", label: "Start", hasInput: false, ports: ["next"], singleton: true, defaults: {}, properties: [] },
    { type: "api_request", label: "API Request", hasInput: true, ports: ["ok", "error"], defaults: { method: "POST" }, properties: [] },
    { type: "set_variable", label: "Set Variable", hasInput: true, ports: ["next"], defaults: { assignments: {} }, properties: [] },
    { type: "decision", label: "Decision", hasInput: true, ports: [], portsFrom: "branches", defaults: {}, properties: [] },
  ],
  operators: [{ symbol: "==", label: "equals", unary: false }, { symbol: "exists", label: "exists", unary: true }],
  variables: { interaction: { CALL_ID: "id", SUMMARY: "summary" }, namespaces: { call_metadata: "m", post_call: "p" } },
};
