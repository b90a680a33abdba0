import { useEffect, useState } from "react";
import { api } from "../lib/api.js";
import { isMissingApi } from "../lib/apiStatus.js";
import { ApiMissing } from "../components/ApiMissing.jsx";
import { Icon } from "../components/Icon.jsx";
import { useToast } from "../components/Toast.jsx";
import { textToValue, valueToText } from "../flow/fields/values.js";

export const FIELD_TYPES = ["string", "number", "integer", "float", "boolean", "enum", "date", "time", "email"];
const ACTION_TYPES = [["webhook", "Webhook"], ["schedule_call", "Schedule a call"]];

/** The list in an answer that is a bare array (seed 003) or wraps it. */
export function listOf(answer, key) {
  if (Array.isArray(answer)) return answer;
  return answer?.[key] ?? answer?.items ?? answer?.payload ?? [];
}

/** /editor/agents/{agent}: the agent's extraction fields and post-call actions (seed 003), each saved as a whole. */
export function AgentPage({ agent }) {
  const path = `/agents/${encodeURIComponent(agent)}`;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <a href="/editor/agents" className="crumb">Agents</a>
          <h1 className="mono">{agent}</h1>
        </div>
      </div>
      <h2 className="section-heading">Post-call data extraction</h2>
      <ExtractionFields path={`${path}/extraction-fields`} />
      <h2 className="section-heading">Post-call actions</h2>
      <Actions path={`${path}/actions`} />
    </div>
  );
}

/** Loads a list from `path` once; `missing` when the server has no such API. */
function useList(path, key) {
  const [items, setItems] = useState(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => {
    api(path).then((answer) => setItems(listOf(answer, key))).catch((e) => {
      if (isMissingApi(e)) setMissing(true);
      else if (e.status === 404) setItems([]);
      else setError(e.message);
    });
  }, [path, key]);
  return { items, setItems, missing, error };
}

function ExtractionFields({ path }) {
  const toast = useToast();
  const { items, setItems, missing, error } = useList(path, "fields");
  if (missing) return <ApiMissing what="Extraction fields" endpoint={`/api/v1${path}`} />;
  if (error) return <div className="callout callout-error">{error}</div>;
  if (!items) return <p className="muted">Loading…</p>;
  const set = (i, patch) => setItems(items.map((f, j) => (i === j ? { ...f, ...patch } : f)));
  const save = async () => {
    try {
      const fields = items.filter((f) => f.name?.trim()).map((f) => {
        const out = { ...f, name: f.name.trim() };
        if (f.type !== "enum") delete out.values;
        return out;
      });
      setItems(listOf(await api(path, { method: "PUT", body: fields }), "fields"));
      toast("Extraction fields saved", "success");
    } catch (e) {
      toast(`Not saved: ${e.message}`, "error");
    }
  };
  return (
    <div className="card padded" data-testid="extraction-fields">
      {items.length === 0 && <p className="muted">No fields: nothing is extracted from this agent's calls.</p>}
      {items.map((field, i) => (
        <div className="extraction-row" key={i}>
          <input type="text" aria-label={`Field ${i + 1} name`} placeholder="customer_name" value={field.name ?? ""} spellCheck={false}
            onChange={(e) => set(i, { name: e.target.value })} />
          <select aria-label={`Field ${i + 1} type`} value={field.type ?? "string"} onChange={(e) => set(i, { type: e.target.value })}>
            {FIELD_TYPES.map((t) => <option key={t}>{t}</option>)}
          </select>
          <input type="text" aria-label={`Field ${i + 1} description`} placeholder="Customer full name" value={field.description ?? ""}
            onChange={(e) => set(i, { description: e.target.value })} />
          {field.type === "enum" ? (
            <input type="text" aria-label={`Field ${i + 1} values`} placeholder="high, medium, low" value={(field.values ?? []).join(", ")}
              onChange={(e) => set(i, { values: e.target.value.split(",").map((v) => v.trim()).filter(Boolean) })} />
          ) : <span />}
          <button type="button" className="icon-button subtle" aria-label={`Remove field ${i + 1}`}
            onClick={() => setItems(items.filter((_, j) => j !== i))}><Icon name="trash" size={14} /></button>
        </div>
      ))}
      <div className="form-actions">
        <button type="button" className="link-button" onClick={() => setItems([...items, { name: "", type: "string", description: "" }])}>
          <Icon name="plus" size={14} /> Add field
        </button>
        <button type="button" className="button primary" onClick={save}>Save fields</button>
      </div>
    </div>
  );
}

const NEW_ACTION = { type: "webhook", name: "", condition: null, config: { url: "" } };

function Actions({ path }) {
  const toast = useToast();
  const { items, setItems, missing, error } = useList(path, "actions");
  if (missing) return <ApiMissing what="Post-call actions" endpoint={`/api/v1${path}`} />;
  if (error) return <div className="callout callout-error">{error}</div>;
  if (!items) return <p className="muted">Loading…</p>;
  const set = (i, patch) => setItems(items.map((a, j) => (i === j ? { ...a, ...patch } : a)));
  const save = async () => {
    try {
      setItems(listOf(await api(path, { method: "PUT", body: items }), "actions"));
      toast("Actions saved", "success");
    } catch (e) {
      toast(`Not saved: ${e.message}`, "error");
    }
  };
  return (
    <div className="actions-list" data-testid="actions-editor">
      {items.length === 0 && <div className="empty card"><p>No actions: nothing runs after extraction for this agent.</p></div>}
      {items.map((action, i) => <ActionCard key={i} index={i} action={action} onChange={(patch) => set(i, patch)}
        onRemove={() => setItems(items.filter((_, j) => j !== i))} />)}
      <div className="form-actions">
        <button type="button" className="link-button" onClick={() => setItems([...items, structuredClone(NEW_ACTION)])}>
          <Icon name="plus" size={14} /> Add action
        </button>
        <button type="button" className="button primary" onClick={save}>Save actions</button>
      </div>
    </div>
  );
}

function ActionCard({ index, action, onChange, onRemove }) {
  const config = action.config ?? {};
  const condition = action.condition;
  const setConfig = (patch) => onChange({ config: { ...config, ...patch } });
  return (
    <div className="card padded action-card" data-testid={`action-${index}`}>
      <div className="request-line">
        <label className="field"><span className="field-label">Type</span>
          <select aria-label={`Action ${index + 1} type`} value={action.type} onChange={(e) => onChange({ type: e.target.value,
            config: e.target.value === "webhook" ? { url: config.url ?? "" } : { use_field: "", fallback_delay_minutes: 1440, from_number: "" } })}>
            {ACTION_TYPES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            {!ACTION_TYPES.some(([value]) => value === action.type) && <option value={action.type}>{action.type}</option>}
          </select></label>
        <label className="field"><span className="field-label">Name</span>
          <input type="text" aria-label={`Action ${index + 1} name`} value={action.name ?? ""} onChange={(e) => onChange({ name: e.target.value })} /></label>
        <button type="button" className="icon-button subtle" aria-label={`Remove action ${index + 1}`} onClick={onRemove}><Icon name="trash" size={14} /></button>
      </div>
      {action.type === "webhook" && (
        <label className="field"><span className="field-label">URL</span>
          <input type="text" aria-label={`Action ${index + 1} URL`} placeholder="https://crm.example.com/leads" value={config.url ?? ""}
            onChange={(e) => setConfig({ url: e.target.value })} /></label>
      )}
      {action.type === "schedule_call" && (
        <div className="request-line">
          <label className="field"><span className="field-label">Time from field</span>
            <input type="text" aria-label={`Action ${index + 1} use field`} placeholder="follow_up_date" value={config.use_field ?? ""}
              onChange={(e) => setConfig({ use_field: e.target.value })} /></label>
          <label className="field"><span className="field-label">Else after (minutes)</span>
            <input type="number" aria-label={`Action ${index + 1} fallback delay`} value={config.fallback_delay_minutes ?? ""}
              onChange={(e) => setConfig({ fallback_delay_minutes: e.target.value === "" ? null : Number(e.target.value) })} /></label>
          <label className="field"><span className="field-label">From number</span>
            <input type="text" aria-label={`Action ${index + 1} from number`} value={config.from_number ?? ""}
              onChange={(e) => setConfig({ from_number: e.target.value })} /></label>
        </div>
      )}
      <div className="field"><span className="field-label">Condition</span>
        {condition ? (
          <div className="condition action-condition">
            <input type="text" aria-label={`Action ${index + 1} condition field`} placeholder="follow_up_required" value={condition.field ?? ""}
              onChange={(e) => onChange({ condition: { ...condition, field: e.target.value } })} />
            <select aria-label={`Action ${index + 1} condition operator`} value={condition.operator ?? "=="}
              onChange={(e) => onChange({ condition: { ...condition, operator: e.target.value } })}>
              <option>==</option><option>!=</option>
            </select>
            <input type="text" aria-label={`Action ${index + 1} condition value`} placeholder="true" value={valueToText(condition.value)}
              onChange={(e) => onChange({ condition: { ...condition, value: textToValue(e.target.value) } })} />
            <button type="button" className="icon-button subtle" aria-label={`Remove condition of action ${index + 1}`}
              onClick={() => onChange({ condition: null })}><Icon name="x" size={14} /></button>
          </div>
        ) : (
          <button type="button" className="link-button" onClick={() => onChange({ condition: { field: "", operator: "==", value: true } })}>
            <Icon name="plus" size={14} /> Only when… (otherwise it always runs)
          </button>
        )}
      </div>
    </div>
  );
}
