const TONES = {
  completed: "good", ok: "good", succeeded: "good", published: "good",
  failed: "bad", error: "bad",
  processing: "busy", running: "busy", queued: "neutral", draft: "neutral",
};

export function StatusBadge({ status, children }) {
  const tone = TONES[String(status).toLowerCase()] ?? "neutral";
  return <span className={`badge badge-${tone}`}>{children ?? status}</span>;
}
