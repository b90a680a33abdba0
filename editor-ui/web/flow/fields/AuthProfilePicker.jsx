import { useEffect, useState } from "react";
import { api } from "../../lib/api.js";

let cache = null;

/** The outlet's auth profiles by name, loaded once per page. */
function useAuthProfiles() {
  const [profiles, setProfiles] = useState(cache ?? []);
  useEffect(() => {
    if (cache) return;
    api("/auth-profiles?size=200").then((page) => {
      cache = page.items ?? [];
      setProfiles(cache);
    }).catch(() => setProfiles([]));
  }, []);
  return profiles;
}

export function AuthProfilePicker({ value, onChange, invalid }) {
  const profiles = useAuthProfiles();
  const known = profiles.some((p) => p.name === value);
  return (
    <div className="auth-picker">
      <select value={value ?? ""} className={invalid ? "invalid" : ""} aria-label="Auth profile"
        onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">None</option>
        {profiles.map((p) => <option key={p.id} value={p.name}>{p.name} ({p.type})</option>)}
        {value && !known && <option value={value}>{value} (not found)</option>}
      </select>
      <a href="/editor/auth-profiles" target="_blank" rel="noreferrer" className="field-link">Manage</a>
    </div>
  );
}
