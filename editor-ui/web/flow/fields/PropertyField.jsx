import { TemplateInput } from "../../components/TemplateInput.jsx";
import { KeyValueRows } from "./KeyValueRows.jsx";
import { JsonField } from "./JsonField.jsx";
import { AuthProfilePicker } from "./AuthProfilePicker.jsx";
import { BranchesField } from "./BranchesField.jsx";

/** True when the property's showWhen (e.g. body only for POST/PUT/PATCH/DELETE) holds for the node's data. */
export function isShown(property, data) {
  if (!property.showWhen) return true;
  return Object.entries(property.showWhen).every(([field, values]) => values.includes(data[field] ?? ""));
}

/**
 * One property of a node, rendered from its description in the catalogue. `errors` are the server's errors for
 * this property; they show under it.
 */
export function PropertyField({ property, value, onChange, errors = [], onValidity }) {
  const invalid = errors.length > 0;
  const id = `field-${property.name}`;
  return (
    <div className={`field field-${property.kind}${invalid ? " has-error" : ""}`} data-field={property.name}>
      {property.kind !== "boolean" && (
        <label className="field-label" htmlFor={id}>
          {property.label}{property.required && <span className="required">*</span>}
        </label>
      )}
      <Control property={property} value={value} onChange={onChange} invalid={invalid} id={id} errors={errors} onValidity={onValidity} />
      {property.description && property.kind !== "boolean" && <div className="field-help">{property.description}</div>}
      {property.kind !== "branches" && property.kind !== "collection" && errors.map((e, i) => <div key={i} className="field-error" data-testid={`error-${property.name}`}>{e.error}</div>)}
    </div>
  );
}

function Control({ property, value, onChange, invalid, id, errors, onValidity }) {
  switch (property.kind) {
    case "text":
      return property.template ? (
        <TemplateInput id={id} value={value ?? ""} placeholder={property.placeholder} invalid={invalid}
          onChange={(text) => onChange(text === "" ? undefined : text)} />
      ) : (
        <input id={id} type="text" value={value ?? ""} placeholder={property.placeholder ?? String(property.defaultValue ?? "")}
          className={invalid ? "invalid" : ""} spellCheck={false} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />
      );
    case "options":
      return (
        <select id={id} value={value ?? property.defaultValue ?? ""} className={invalid ? "invalid" : ""} onChange={(e) => onChange(e.target.value)}>
          {property.options.map((option) => <option key={option} value={option}>{option}</option>)}
        </select>
      );
    case "number":
      return (
        <input id={id} type="number" value={value ?? ""} placeholder={String(property.defaultValue ?? "")}
          className={invalid ? "invalid" : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} />
      );
    case "boolean":
      return (
        <label className="toggle">
          <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked || undefined)} />
          <span>{property.label}</span>
        </label>
      );
    case "keyValue":
      return <KeyValueRows property={property} value={value} onChange={(object) => onChange(Object.keys(object).length ? object : undefined)}
        invalid={invalid} testId={id} />;
    case "json":
      return <JsonField value={value} onChange={onChange} label={property.label} onValidity={onValidity} />;
    case "authProfile":
      return <AuthProfilePicker value={value} onChange={onChange} invalid={invalid} />;
    case "collection":
      return <Collection property={property} value={value} onChange={onChange} errors={errors} />;
    case "branches":
      return <BranchesField value={value} onChange={onChange} errors={errors} />;
    default:
      return <div className="field-help">Unsupported field kind {property.kind}</div>;
  }
}

/** A group of nested properties stored as one object (the retry policy). */
function Collection({ property, value, onChange, errors }) {
  const object = value ?? {};
  const set = (name, v) => {
    const next = { ...object, [name]: v };
    if (v === undefined) delete next[name];
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <div className="collection">
      {property.properties.map((nested) => (
        <PropertyField key={nested.name} property={nested} value={object[nested.name]} onChange={(v) => set(nested.name, v)}
          errors={errors.filter((e) => e.field === `${property.name}.${nested.name}`)} />
      ))}
    </div>
  );
}
