// JSONPaths for fields clicked in the Send result's Data tree, and variable names suggested for them.

/** ["ticket", "id"] -> "$.ticket.id"; [ "items", 0 ] -> "$.items[0]"; odd keys use ['...']. */
export function jsonPathOf(segments) {
  return "$" + segments.map((s) => {
    if (typeof s === "number") return `[${s}]`;
    if (/^[A-Za-z_][\w]*$/.test(s)) return `.${s}`;
    return `['${String(s).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
  }).join("");
}

/** A variable name for a path: the named segments joined by "_" ("$.ticket.id" -> "ticket_id"). */
export function variableNameFor(segments) {
  const words = segments.filter((s) => typeof s === "string").map((s) => s.replace(/[^\w]+/g, "_").replace(/^_+|_+$/g, ""));
  let name = words.slice(-2).filter(Boolean).join("_") || "value";
  if (!/^[A-Za-z_]/.test(name)) name = `v_${name}`;
  return name;
}

/** Adds variable <- path to a mapping, renaming the variable if the name is taken by another path. */
export function addMapping(mapping, segments) {
  const path = jsonPathOf(segments);
  const existing = Object.entries(mapping ?? {}).find(([, p]) => p === path);
  if (existing) return { mapping, name: existing[0], path };
  const base = variableNameFor(segments);
  let name = base;
  for (let i = 2; mapping && name in mapping; i++) name = `${base}_${i}`;
  return { mapping: { ...(mapping ?? {}), [name]: path }, name, path };
}
