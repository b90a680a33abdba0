// Text shown in a value field for a JSON value, and the JSON value read back from what was typed.

export function valueToText(value) {
  if (value === undefined || value === null) return value === null ? "null" : "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Numbers, true/false/null, arrays and objects stay typed; anything else is text. */
export function textToValue(text) {
  const trimmed = text.trim();
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(trimmed) || /^[\[{]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}
