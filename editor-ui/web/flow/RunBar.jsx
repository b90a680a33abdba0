import { StatusBadge } from "../components/StatusBadge.jsx";
import { Icon } from "../components/Icon.jsx";

/** Over the canvas after a test run: how it ended; select a node for its input, output and duration. */
export function RunBar({ trace, onClear }) {
  const total = (trace.steps ?? []).reduce((sum, s) => sum + (s.duration_ms ?? 0), 0);
  return (
    <div className="run-bar" data-testid="run-bar">
      <StatusBadge status={trace.status} />
      <span>Test run · {trace.steps.length} steps · {total} ms</span>
      {trace.error && <span className="run-error">{trace.error}</span>}
      <span className="muted small">Select a node to see what it received and returned.</span>
      <button type="button" className="icon-button" aria-label="Clear test run" onClick={onClear}><Icon name="x" size={14} /></button>
    </div>
  );
}
