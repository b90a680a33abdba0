import { Modal } from "../components/Modal.jsx";
import { StatusBadge } from "../components/StatusBadge.jsx";

/** Published versions, newest first; publishing an older one again is the rollback. */
export function VersionsDialog({ flow, onClose, onRollback, onDownload, busy }) {
  const versions = [...(flow.versions ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Modal title="Versions" onClose={onClose}>
      {versions.length === 0 ? <p className="muted">Nothing published yet. <b>Publish</b> makes the draft version 1.</p> : (
        <table className="table" data-testid="versions">
          <thead><tr><th>Version</th><th>Published</th><th /></tr></thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td><b>v{v.version}</b> {v.current && <StatusBadge status="published">live</StatusBadge>}</td>
                <td>{new Date(v.published_at).toLocaleString()}</td>
                <td className="right">
                  {!v.current && (
                    <button type="button" className="button small" disabled={busy} onClick={() => onRollback(v.version)}>
                      Roll back to v{v.version}
                    </button>
                  )}
                  <button type="button" className="button small ghost" onClick={() => onDownload(v.version)}>JSON</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">Rolling back publishes that version's document again as a new version; the draft is not changed.</p>
    </Modal>
  );
}
