// Server validation errors ({error, node, field}) sorted to where the editor shows them.

/** Errors of one node, or of the flow itself when nodeId is null. */
export function errorsOf(errors, nodeId) {
  return (errors ?? []).filter((e) => (e.node ?? null) === nodeId);
}

/** Does the error's field belong to the property `name` ("retry.backoff" and "branches[0].port" belong)? */
export function fieldMatches(field, name) {
  if (!field) return false;
  return field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`);
}

export function errorsOfField(errors, nodeId, name) {
  return errorsOf(errors, nodeId).filter((e) => fieldMatches(e.field, name));
}
