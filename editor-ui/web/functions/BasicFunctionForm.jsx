import { catalogue, operator } from "../lib/catalogue.js";
import { KeyValueRows } from "../flow/fields/KeyValueRows.jsx";
import { JsonField } from "../flow/fields/JsonField.jsx";
import { textToValue, valueToText } from "../flow/fields/values.js";
import { Icon } from "../components/Icon.jsx";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const SOURCES = [["call_metadata", "Call metadata"], ["post_call", "Post-call variable"], ["call", "Call field"]];
const CALL_TYPES = [["all", "All calls"], ["connected", "Connected (duration > 0)"], ["not_connected", "Not connected"]];

function fieldProblems(problems, name) {
  return problems.filter((p) => p.field === name || p.field?.startsWith(`${name}.`) || p.field?.startsWith(`${name}[`));
}

function Field({ label, name, problems, help, children }) {
  const mine = fieldProblems(problems, name);
  return (
    <div className={mine.length ? "field has-error" : "field"}>
      <span className="field-label">{label}</span>
      {children}
      {help && <div className="field-help">{help}</div>}
      {mine.map((p, i) => <div key={i} className="field-error" data-testid={`error-${name}`}>{p.message}</div>)}
    </div>
  );
}

/** Seed 000's basic mode: URL, method, headers, JSON parameters, where each variable comes from, and when it runs. */
export function BasicFunctionForm({ state, onChange, problems }) {
  const condition = state.condition ?? { call_type: "all", all: [] };
  const rows = condition.all ?? [];
  const setCondition = (patch) => onChange({ condition: { ...condition, ...patch } });
  const setRow = (i, patch) => setCondition({ all: rows.map((r, j) => (i === j ? { ...r, ...patch } : r)) });
  return (
    <div className="basic-form" data-testid="basic-form">
      <div className="request-line">
        <Field label="Method" name="method" problems={problems}>
          <select id="function-method" value={state.method} onChange={(e) => onChange({ method: e.target.value })}>
            {METHODS.map((m) => <option key={m}>{m}</option>)}
          </select>
        </Field>
        <Field label="API URL" name="api_url" problems={problems} help="{variable} or {{variable}} placeholders, e.g. https://api.example.com/leads/{lead_id}/update">
          <input id="function-url" type="text" value={state.api_url} spellCheck={false} placeholder="https://api.example.com/leads/{lead_id}/update"
            onChange={(e) => onChange({ api_url: e.target.value })} />
        </Field>
      </div>
      <Field label="Headers" name="headers" problems={problems}>
        <KeyValueRows property={{ keyLabel: "Header", valueLabel: "Value", template: true, itemLabel: "header" }} value={state.headers}
          onChange={(headers) => onChange({ headers })} testId="function-headers" />
      </Field>
      <Field label="Parameters (JSON)" name="parameters" problems={problems} help="The JSON body (or query for GET/DELETE) with {{variables}}.">
        <JsonField value={state.parameters} label="Parameters" onChange={(parameters) => onChange({ parameters })} />
      </Field>
      <Field label="Variables" name="variables" problems={problems} help="Where each variable comes from: call_metadata.lead_id, post_call.call_status, call_duration, ...">
        <KeyValueRows property={{ keyLabel: "Variable", valueLabel: "Source", itemLabel: "variable", keyPlaceholder: "lead_id", valuePlaceholder: "call_metadata.lead_id" }}
          value={state.variables} onChange={(variables) => onChange({ variables })} testId="function-variables" />
      </Field>
      <Field label="Runs for" name="condition" problems={problems}>
        <select aria-label="Call type" value={condition.call_type ?? "all"} onChange={(e) => setCondition({ call_type: e.target.value })}>
          {CALL_TYPES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
        <div className="field-help">and when all of these hold:</div>
        {rows.map((row, i) => {
          const unary = operator(row.operator)?.unary;
          return (
            <div className="condition basic-condition" key={i}>
              <select aria-label={`Condition ${i + 1} source`} value={row.source ?? "post_call"} onChange={(e) => setRow(i, { source: e.target.value })}>
                {SOURCES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
              </select>
              <input type="text" aria-label={`Condition ${i + 1} field`} value={row.field ?? ""} placeholder="interested" spellCheck={false}
                onChange={(e) => setRow(i, { field: e.target.value })} />
              <select aria-label={`Condition ${i + 1} operator`} value={row.operator ?? "=="} onChange={(e) => setRow(i, { operator: e.target.value })}>
                {catalogue().operators.map((op) => <option key={op.symbol} value={op.symbol}>{op.symbol}</option>)}
              </select>
              {!unary ? (
                <input type="text" aria-label={`Condition ${i + 1} value`} value={valueToText(row.value)} placeholder="true" spellCheck={false}
                  onChange={(e) => setRow(i, { value: textToValue(e.target.value) })} />
              ) : <span />}
              <button type="button" className="icon-button subtle" aria-label={`Remove condition ${i + 1}`}
                onClick={() => setCondition({ all: rows.filter((_, j) => j !== i) })}><Icon name="x" size={14} /></button>
            </div>
          );
        })}
        <button type="button" className="link-button" onClick={() => setCondition({ all: [...rows, { source: "post_call", field: "", operator: "==", value: "" }] })}>
          <Icon name="plus" size={14} /> Add condition
        </button>
      </Field>
      <Field label="Response mapping" name="response_mapping" problems={problems} help="post_call field ← JSONPath in the response">
        <KeyValueRows property={{ keyLabel: "post_call field", valueLabel: "JSONPath", itemLabel: "mapping", keyPlaceholder: "crm_id", valuePlaceholder: "$.id" }}
          value={state.response_mapping} onChange={(response_mapping) => onChange({ response_mapping })} testId="function-mapping" />
      </Field>
      <div className="request-line">
        <Field label="Auth profile" name="auth_profile" problems={problems}>
          <input type="text" value={state.auth_profile ?? ""} placeholder="none" onChange={(e) => onChange({ auth_profile: e.target.value })} />
        </Field>
        <Field label="Timeout (ms)" name="timeout_ms" problems={problems}>
          <input type="number" min="1" value={state.timeout_ms ?? ""} placeholder="10000" onChange={(e) => onChange({ timeout_ms: e.target.value || null })} />
        </Field>
      </div>
    </div>
  );
}
