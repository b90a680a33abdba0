import { useState } from "react";
import { setToken } from "../lib/token.js";

/** Asked when there is no token: the server prints one (and an editor link carrying it) when it starts. */
export function TokenPrompt({ reason, onToken }) {
  const [text, setText] = useState("");
  const submit = (e) => {
    e.preventDefault();
    if (!text.trim()) return;
    setToken(text.trim());
    onToken(text.trim());
    window.location.reload();
  };
  return (
    <div className="token-prompt">
      <form className="card token-card" onSubmit={submit}>
        <h1>Sign in to the editor</h1>
        <p>Paste your outlet token (a JWT). On the embedded default the server prints one at startup, with an editor link that signs you in.</p>
        {reason && <div className="callout callout-error">{reason}</div>}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} placeholder="eyJhbGciOiJIUzI1NiIs…"
          aria-label="Token" spellCheck={false} autoFocus />
        <button type="submit" className="button primary">Sign in</button>
      </form>
    </div>
  );
}
