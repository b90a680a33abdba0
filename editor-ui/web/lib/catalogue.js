// The node catalogue the Qute page embeds (see NodeCatalogue.java): node types, operators, call variables.
let cached = null;

export function catalogue() {
  if (!cached) {
    const element = typeof document !== "undefined" && document.getElementById("node-catalogue");
    cached = element ? JSON.parse(element.textContent) : { nodes: [], operators: [], variables: { interaction: {} } };
  }
  return cached;
}

/** For tests: use this catalogue instead of the page's. */
export function useCatalogue(value) {
  cached = value;
}

export function nodeType(type) {
  return catalogue().nodes.find((t) => t.type === type) ?? {
    type, label: type, icon: "box", color: "#64748b", hasInput: true, ports: ["next"], properties: [], defaults: {},
  };
}

/** The output ports of a node: fixed by its type, or one per decision branch plus the default. */
export function portsOf(type, data) {
  const described = nodeType(type);
  if (described.portsFrom === "branches") {
    const ports = (data.branches ?? []).map((b) => b.port).filter((p) => p);
    ports.push(data.default_port || "default");
    return [...new Set(ports)];
  }
  return described.ports;
}

/** The port an edge without one leaves from (the engine's rule: the node's first port). */
export function defaultPort(type, data) {
  return portsOf(type, data)[0];
}

export function operator(symbol) {
  return catalogue().operators.find((o) => o.symbol === symbol);
}
