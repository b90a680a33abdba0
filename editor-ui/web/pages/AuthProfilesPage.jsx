import { useEffect, useState } from "react";
import { api } from "../lib/api.js";
import { Icon } from "../components/Icon.jsx";
import { Modal } from "../components/Modal.jsx";
import { useToast } from "../components/Toast.jsx";

/** The fields of each profile type; secrets are write-only: typed here, never shown again. */
const TYPES = {
  bearer: { label: "Bearer token", fields: [{ name: "token", label: "Token", secret: true }] },
  basic: { label: "Basic auth", fields: [{ name: "username", label: "User name" }, { name: "password", label: "Password", secret: true }] },
  api_key: {
    label: "API key",
    fields: [
      { name: "in", label: "Send in", options: ["header", "query"] },
      { name: "key_name", label: "Header or parameter name", placeholder: "X-Api-Key" },
      { name: "value", label: "Key", secret: true },
    ],
  },
  oauth2_client_credentials: {
    label: "OAuth2 client credentials",
    fields: [
      { name: "token_url", label: "Token URL", placeholder: "https://auth.example.com/oauth/token" },
      { name: "client_id", label: "Client id" },
      { name: "client_secret", label: "Client secret", secret: true },
      { name: "scope", label: "Scope", optional: true },
      { name: "audience", label: "Audience", optional: true },
    ],
  },
  mtls: {
    label: "mTLS client certificate",
    fields: [
      { name: "certificate", label: "Certificate (PEM)", multiline: true, secret: true },
      { name: "private_key", label: "Private key (PEM)", multiline: true, secret: true },
    ],
  },
};

/** /editor/auth-profiles: reusable credentials that API Request nodes name. */
export function AuthProfilesPage() {
  const toast = useToast();
  const [profiles, setProfiles] = useState(null);
  const [editing, setEditing] = useState(null);
  const load = () => api("/auth-profiles?size=200").then((page) => setProfiles(page.items ?? [])).catch((e) => toast(e.message, "error"));
  useEffect(() => {
    load();
  }, []);
  const remove = async (profile) => {
    if (!window.confirm(`Delete the auth profile "${profile.name}"? Flows that name it will fail their requests.`)) return;
    await api(`/auth-profiles/${profile.id}`, { method: "DELETE" });
    toast("Auth profile deleted", "success");
    load();
  };
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Auth profiles</h1>
          <p className="muted">Credentials API Request nodes use by name. Secrets are stored encrypted and never shown again.</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button primary" onClick={() => setEditing({})}><Icon name="plus" /> New profile</button>
        </div>
      </div>
      {profiles === null ? <p className="muted">Loading…</p> : profiles.length === 0 ? (
        <div className="empty card"><Icon name="key" size={28} /><p>No auth profiles yet.</p></div>
      ) : (
        <table className="table card" data-testid="auth-profiles">
          <thead><tr><th>Name</th><th>Type</th><th>Details</th><th>Secrets</th><th /></tr></thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.id}>
                <td className="strong mono">{p.name}</td>
                <td>{TYPES[p.type]?.label ?? p.type}</td>
                <td className="muted small">{details(p)}</td>
                <td className="muted small">{(p.configured_fields ?? []).filter((f) => TYPES[p.type]?.fields.find((x) => x.name === f)?.secret).map((f) => `${f} ••••`).join(", ")}</td>
                <td className="right">
                  <button type="button" className="button small ghost" onClick={() => setEditing(p)}>Edit</button>
                  <button type="button" className="icon-button subtle" aria-label={`Delete ${p.name}`} onClick={() => remove(p)}><Icon name="trash" size={14} /></button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <ProfileDialog profile={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); load(); toast("Auth profile saved", "success"); }} />}
    </div>
  );
}

function details(profile) {
  const parts = ["username", "in", "key_name", "token_url", "client_id", "scope", "audience", "certificate_subject"]
    .filter((k) => profile[k]).map((k) => `${k}: ${profile[k]}`);
  if (profile.certificate_expires_at) parts.push(`expires ${new Date(profile.certificate_expires_at).toLocaleDateString()}`);
  return parts.join(" · ");
}

function ProfileDialog({ profile, onClose, onSaved }) {
  const existing = Boolean(profile.id);
  const [type, setType] = useState(profile.type ?? "bearer");
  const [name, setName] = useState(profile.name ?? "");
  const [values, setValues] = useState(() => Object.fromEntries(TYPES[profile.type ?? "bearer"].fields.filter((f) => !f.secret && profile[f.name]).map((f) => [f.name, profile[f.name]])));
  const [problem, setProblem] = useState(null);
  const save = async () => {
    const body = { name, type };
    for (const field of TYPES[type].fields) {
      const value = values[field.name];
      // Left empty on an existing profile: the stored secret stays.
      if (value !== undefined && value !== "") body[field.name] = value;
    }
    try {
      await api(existing ? `/auth-profiles/${profile.id}` : "/auth-profiles", { method: existing ? "PUT" : "POST", body });
      onSaved();
    } catch (e) {
      setProblem(e.field ? `${e.field}: ${e.message}` : e.message);
    }
  };
  return (
    <Modal title={existing ? `Edit ${profile.name}` : "New auth profile"} onClose={onClose}
      footer={<button type="button" className="button primary" onClick={save}>Save</button>}>
      <div className="form">
        <label className="field"><span className="field-label">Name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="helpdesk" />
        </label>
        <label className="field"><span className="field-label">Type</span>
          <select value={type} onChange={(e) => { setType(e.target.value); setValues({}); }}>
            {Object.entries(TYPES).map(([id, t]) => <option key={id} value={id}>{t.label}</option>)}
          </select>
        </label>
        {TYPES[type].fields.map((field) => (
          <label className="field" key={field.name}><span className="field-label">{field.label}{field.optional && <span className="muted"> (optional)</span>}</span>
            {field.options ? (
              <select value={values[field.name] ?? field.options[0]} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}>
                {field.options.map((o) => <option key={o}>{o}</option>)}
              </select>
            ) : field.multiline ? (
              <textarea rows={4} className="mono" value={values[field.name] ?? ""} placeholder={existing ? "unchanged" : "-----BEGIN …"}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} />
            ) : (
              <input type={field.secret ? "password" : "text"} value={values[field.name] ?? ""} autoComplete="off"
                placeholder={field.secret && existing ? "unchanged" : field.placeholder}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} />
            )}
          </label>
        ))}
        {problem && <div className="callout callout-error">{problem}</div>}
      </div>
    </Modal>
  );
}
