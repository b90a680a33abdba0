import { useEffect, useState } from "react";
import { request } from "../lib/api.js";
import { isMissingApi } from "../lib/apiStatus.js";
import { claimsOf, getToken } from "../lib/token.js";
import { ApiMissing } from "../components/ApiMissing.jsx";
import { CodeEditor } from "../components/CodeEditor.jsx";
import { Icon } from "../components/Icon.jsx";
import { useToast } from "../components/Toast.jsx";

const BASE = "/v2/post_call/data";
export const VAR_TYPES = ["string", "number", "integer", "float", "boolean", "enum", "date", "time", "email"];
const METHODS = ["POST", "PUT", "PATCH", "GET", "DELETE"];

/** The list of a seed 004 answer: {"payload": [...]} (or a bare array). */
export function payloadOf(answer) {
  if (Array.isArray(answer)) return answer;
  return answer?.payload ?? answer?.items ?? [];
}

function asText(value) {
  if (value == null || value === "") return "";
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

/**
 * /editor/variables: seed 004's outlet variables (what extraction fills) and destinations (where their values are
 * sent), on the seed's own endpoints. A server without those endpoints gets a clear message per section.
 */
export function VariablesPage() {
  const toast = useToast();
  const [variables, setVariables] = useState(null);
  const [destinations, setDestinations] = useState(null);
  const [missing, setMissing] = useState({});
  const load = () => {
    request(`${BASE}/variables`).then((a) => setVariables(payloadOf(a))).catch((e) => {
      if (isMissingApi(e)) setMissing((m) => ({ ...m, variables: true })); else toast(e.message, "error");
    });
    request(`${BASE}/destinations`).then((a) => setDestinations(payloadOf(a))).catch((e) => {
      if (isMissingApi(e)) setMissing((m) => ({ ...m, destinations: true })); else toast(e.message, "error");
    });
  };
  useEffect(load, []);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Variables and destinations</h1>
          <p className="muted">Variables are extracted from every call's transcript; each is sent to the destinations it is mapped to.</p>
        </div>
        <div className="page-actions"><button type="button" className="button" onClick={load}>Refresh</button></div>
      </div>
      <h2 className="section-heading">Variables</h2>
      {missing.variables ? <ApiMissing what="Variables" endpoint={`${BASE}/variables`} />
        : <VariablesSection variables={variables} destinations={destinations ?? []} onChanged={load} />}
      <h2 className="section-heading">Destinations</h2>
      {missing.destinations ? <ApiMissing what="Destinations" endpoint={`${BASE}/destinations`} />
        : <DestinationsSection destinations={destinations} onChanged={load} />}
    </div>
  );
}

function VariablesSection({ variables, destinations, onChanged }) {
  const toast = useToast();
  const blank = { var_name: "", var_type: "string", description: "", destination_ids: [] };
  const [draft, setDraft] = useState(blank);
  if (!variables) return <p className="muted">Loading…</p>;
  const save = async (variable) => {
    try {
      await request(`${BASE}/variables`, { method: "POST", body: [variable] });
      toast(`Variable ${variable.var_name} saved`, "success");
      setDraft(blank);
      onChanged();
    } catch (e) {
      toast(`Not saved: ${e.message}`, "error");
    }
  };
  const remove = async (variable) => {
    const outlet = claimsOf(getToken() ?? "")?.id;
    try {
      await request(`${BASE}/outlet/${outlet}/variables`, { method: "DELETE", body: { variable_id: variable.variable_id } });
      toast(`Variable ${variable.var_name} deleted`, "success");
      onChanged();
    } catch (e) {
      toast(`Not deleted: ${e.message}`, "error");
    }
  };
  const toggle = (list, id) => (list.includes(id) ? list.filter((d) => d !== id) : [...list, id]);
  const names = Object.fromEntries(destinations.map((d) => [d.destination_id, d.destination_name]));
  return (
    <div className="card">
      <table className="table" data-testid="variables">
        <thead><tr><th>Name</th><th>Type</th><th>Description</th><th>Sent to</th><th /></tr></thead>
        <tbody>
          {variables.length === 0 && <tr><td colSpan={5} className="muted">No variables yet.</td></tr>}
          {variables.map((v) => (
            <tr key={v.variable_id}>
              <td className="mono strong">{v.var_name}</td>
              <td>{v.var_type}</td>
              <td className="small">{v.description}</td>
              <td>
                <div className="chips">
                  {destinations.map((d) => (
                    <label key={d.destination_id} className="chip">
                      <input type="checkbox" checked={(v.destination_ids ?? []).includes(d.destination_id)}
                        onChange={() => save({ ...v, destination_ids: toggle(v.destination_ids ?? [], d.destination_id) })} />
                      {d.destination_name}
                    </label>
                  ))}
                  {(v.destination_ids ?? []).filter((id) => !names[id]).map((id) => <span key={id} className="chip muted">#{id}</span>)}
                </div>
              </td>
              <td className="row-actions">
                <button type="button" className="icon-button subtle" aria-label={`Delete ${v.var_name}`} onClick={() => remove(v)}><Icon name="trash" size={14} /></button>
              </td>
            </tr>
          ))}
          <tr className="new-row">
            <td><input type="text" aria-label="New variable name" placeholder="customer_name" value={draft.var_name} spellCheck={false}
              onChange={(e) => setDraft({ ...draft, var_name: e.target.value })} /></td>
            <td><select aria-label="New variable type" value={draft.var_type} onChange={(e) => setDraft({ ...draft, var_type: e.target.value })}>
              {VAR_TYPES.map((t) => <option key={t}>{t}</option>)}
            </select></td>
            <td><input type="text" aria-label="New variable description" placeholder="name of the customer as inferred from the conversation"
              value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} /></td>
            <td>
              <div className="chips">
                {destinations.map((d) => (
                  <label key={d.destination_id} className="chip">
                    <input type="checkbox" checked={draft.destination_ids.includes(d.destination_id)}
                      onChange={() => setDraft({ ...draft, destination_ids: toggle(draft.destination_ids, d.destination_id) })} />
                    {d.destination_name}
                  </label>
                ))}
              </div>
            </td>
            <td className="row-actions">
              <button type="button" className="button small primary" disabled={!draft.var_name.trim()}
                onClick={() => save({ ...draft, var_name: draft.var_name.trim(), variable_id: null })}>Add variable</button>
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function DestinationsSection({ destinations, onChanged }) {
  const toast = useToast();
  const blank = { destination_name: "", destination_type: "webhook", api_url: "", api_method: "POST",
    api_headers: '{\n  "Content-Type": "application/json"\n}', api_body: '{\n  "name": "{{guest_name}}",\n  "email": "{{email_id}}"\n}' };
  const [draft, setDraft] = useState(null);
  if (!destinations) return <p className="muted">Loading…</p>;
  const save = async () => {
    try {
      const parse = (text, field) => {
        if (!text.trim()) return {};
        try {
          return JSON.parse(text);
        } catch {
          throw new Error(`${field} is not valid JSON`);
        }
      };
      const destination = { ...draft, api_headers: parse(draft.api_headers, "api_headers"), api_body: parse(draft.api_body, "api_body") };
      await request(`${BASE}/destinations`, { method: "POST", body: { destination: [destination] } });
      toast(`Destination ${draft.destination_name} saved`, "success");
      setDraft(null);
      onChanged();
    } catch (e) {
      toast(`Not saved: ${e.message}`, "error");
    }
  };
  const remove = async (d) => {
    try {
      await request(`${BASE}/destinations?destination_id=${d.destination_id}`, { method: "DELETE", body: { destination_id: d.destination_id } });
      toast(`Destination ${d.destination_name} deleted`, "success");
      onChanged();
    } catch (e) {
      toast(`Not deleted: ${e.message}`, "error");
    }
  };
  return (
    <>
      <div className="card">
        <table className="table" data-testid="destinations">
          <thead><tr><th>Name</th><th>Type</th><th>Request</th><th>Body</th><th /></tr></thead>
          <tbody>
            {destinations.length === 0 && <tr><td colSpan={5} className="muted">No destinations yet.</td></tr>}
            {destinations.map((d) => (
              <tr key={d.destination_id}>
                <td className="strong">{d.destination_name} <span className="muted small">#{d.destination_id}</span></td>
                <td>{d.destination_type}</td>
                <td className="mono small">{d.api_method} {d.api_url}</td>
                <td><code className="mono small">{asText(d.api_body).slice(0, 120)}</code></td>
                <td className="row-actions">
                  <button type="button" className="icon-button subtle" aria-label={`Delete ${d.destination_name}`} onClick={() => remove(d)}><Icon name="trash" size={14} /></button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {draft ? (
        <div className="card padded form destination-form" data-testid="destination-form">
          <h3>New destination</h3>
          <div className="request-line">
            <label className="field"><span className="field-label">Name</span>
              <input type="text" aria-label="Destination name" value={draft.destination_name} onChange={(e) => setDraft({ ...draft, destination_name: e.target.value })} /></label>
            <label className="field"><span className="field-label">Type</span>
              <input type="text" aria-label="Destination type" value={draft.destination_type} onChange={(e) => setDraft({ ...draft, destination_type: e.target.value })} /></label>
          </div>
          <div className="request-line">
            <label className="field"><span className="field-label">Method</span>
              <select aria-label="Destination method" value={draft.api_method} onChange={(e) => setDraft({ ...draft, api_method: e.target.value })}>
                {METHODS.map((m) => <option key={m}>{m}</option>)}
              </select></label>
            <label className="field"><span className="field-label">URL</span>
              <input type="text" aria-label="Destination URL" placeholder="https://crm.example.com/api/lead" value={draft.api_url}
                onChange={(e) => setDraft({ ...draft, api_url: e.target.value })} /></label>
          </div>
          <div className="field"><span className="field-label">Headers (JSON)</span>
            <CodeEditor value={draft.api_headers} label="Destination headers" onChange={(api_headers) => setDraft((d) => ({ ...d, api_headers }))} /></div>
          <div className="field"><span className="field-label">Body (JSON with {"{{placeholders}}"})</span>
            <CodeEditor value={draft.api_body} label="Destination body" onChange={(api_body) => setDraft((d) => ({ ...d, api_body }))} />
            <div className="field-help">Placeholders: your variables, and guest_name, email_id, phone_number, brand_id, outlet_id, timestamp, call_id, call_outcome, source, transcript, interaction_modality.</div>
          </div>
          <div className="page-actions">
            <button type="button" className="button" onClick={() => setDraft(null)}>Cancel</button>
            <button type="button" className="button primary" disabled={!draft.destination_name.trim() || !draft.api_url.trim()} onClick={save}>Save destination</button>
          </div>
        </div>
      ) : <button type="button" className="button" onClick={() => setDraft(blank)}><Icon name="plus" /> New destination</button>}
    </>
  );
}
