import { useEffect, useState } from "react";
import { api } from "../lib/api.js";
import { claimsOf, clearToken, getToken } from "../lib/token.js";
import { Icon } from "../components/Icon.jsx";

/** The outlet the editor is signed in as, in the top bar, with sign-out. */
export function SessionBadge() {
  const token = getToken();
  const [session, setSession] = useState(null);
  useEffect(() => {
    if (token) api("/editor/session").then(setSession).catch(() => {});
  }, [token]);
  if (!token) return null;
  const outlet = session?.outlet_id ?? claimsOf(token)?.id;
  return (
    <div className="session-badge" data-testid="session">
      <span className="session-dot" />
      <span>{session?.outlet_name || "Outlet"} <span className="muted">#{outlet}</span></span>
      <button type="button" className="icon-button subtle" title="Sign out" aria-label="Sign out"
        onClick={() => { clearToken(); window.location.reload(); }}>
        <Icon name="logout" size={14} />
      </button>
    </div>
  );
}
