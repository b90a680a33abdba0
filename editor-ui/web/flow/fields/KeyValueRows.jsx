import { useEffect, useRef, useState } from "react";
import { TemplateInput } from "../../components/TemplateInput.jsx";
import { Icon } from "../../components/Icon.jsx";
import { textToValue, valueToText } from "./values.js";

const toRows = (object, jsonValues) =>
  Object.entries(object ?? {}).map(([key, value]) => ({ key, value: jsonValues ? valueToText(value) : String(value ?? "") }));

function toObject(rows, jsonValues) {
  const out = {};
  for (const row of rows) {
    if (row.key.trim()) out[row.key.trim()] = jsonValues ? textToValue(row.value) : row.value;
  }
  return out;
}

/**
 * Rows of name and value editing one JSON object (query, headers, assignments, response mapping). Rows keep
 * their order and may be half-filled while typing; only rows with a name reach the document.
 */
export function KeyValueRows({ property, value, onChange, invalid, testId }) {
  const jsonValues = Boolean(property.jsonValues);
  const [rows, setRows] = useState(() => toRows(value, jsonValues));
  const emitted = useRef(JSON.stringify(value ?? {}));

  useEffect(() => {
    // A change from outside (undo, a mapping added from the Data tab) replaces the rows.
    const incoming = JSON.stringify(value ?? {});
    if (incoming !== emitted.current) {
      emitted.current = incoming;
      setRows(toRows(value, jsonValues));
    }
  }, [value, jsonValues]);

  const update = (next) => {
    setRows(next);
    const object = toObject(next, jsonValues);
    emitted.current = JSON.stringify(object);
    onChange(object);
  };
  const setRow = (i, patch) => update(rows.map((row, j) => (i === j ? { ...row, ...patch } : row)));
  const ValueInput = property.template ? TemplateInput : PlainInput;

  return (
    <div className={invalid ? "kv invalid" : "kv"} data-testid={testId}>
      {rows.length > 0 && (
        <div className="kv-head"><span>{property.keyLabel ?? "Name"}</span><span>{property.valueLabel ?? "Value"}</span></div>
      )}
      {rows.map((row, i) => (
        <div className="kv-row" key={i}>
          <input type="text" value={row.key} placeholder={property.keyPlaceholder} spellCheck={false}
            aria-label={`${property.keyLabel ?? "Name"} ${i + 1}`} onChange={(e) => setRow(i, { key: e.target.value })} />
          <ValueInput value={row.value} placeholder={property.valuePlaceholder} aria-label={`${property.valueLabel ?? "Value"} ${i + 1}`}
            onChange={(text) => setRow(i, { value: text })} />
          <button type="button" className="icon-button subtle" aria-label="Remove row" onClick={() => update(rows.filter((_, j) => j !== i))}>
            <Icon name="trash" size={14} />
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => setRows([...rows, { key: "", value: "" }])}>
        <Icon name="plus" size={14} /> Add {property.itemLabel ?? "row"}
      </button>
    </div>
  );
}

function PlainInput({ value, onChange, ...rest }) {
  return <input type="text" value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} {...rest} />;
}
