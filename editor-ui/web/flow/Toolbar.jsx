import { useRef } from "react";
import { Icon } from "../components/Icon.jsx";

/** The editor's top bar: name and save state on the left, history, files, testing and publishing on the right. */
export function Toolbar({ name, onName, status, canUndo, canRedo, onUndo, onRedo, onImport, onExport, onVersions, onTestRun, onSave, onPublish, busy }) {
  const file = useRef(null);
  return (
    <div className="toolbar">
      <div className="toolbar-left">
        <a href="/editor/" className="crumb">Flows</a>
        <Icon name="chevron" size={14} className="crumb-sep" />
        <input className="flow-name-input" value={name} aria-label="Flow name" spellCheck={false} onChange={(e) => onName(e.target.value)} />
        <span className={`save-state save-${status.tone}`} data-testid="save-state">{status.text}</span>
      </div>
      <div className="toolbar-right">
        <button type="button" className="icon-button" title="Undo (Ctrl+Z)" aria-label="Undo" disabled={!canUndo} onClick={onUndo}><Icon name="undo" /></button>
        <button type="button" className="icon-button" title="Redo (Ctrl+Shift+Z)" aria-label="Redo" disabled={!canRedo} onClick={onRedo}><Icon name="redo" /></button>
        <span className="toolbar-sep" />
        <button type="button" className="icon-button" title="Import flow JSON" aria-label="Import" onClick={() => file.current.click()}><Icon name="upload" /></button>
        <input ref={file} type="file" accept="application/json,.json" hidden data-testid="import-file"
          onChange={(e) => { const f = e.target.files[0]; e.target.value = ""; if (f) onImport(f); }} />
        <button type="button" className="icon-button" title="Export flow JSON" aria-label="Export" onClick={onExport}><Icon name="download" /></button>
        <button type="button" className="button" onClick={onVersions}><Icon name="history" /> Versions</button>
        <button type="button" className="button" onClick={onTestRun} disabled={busy}><Icon name="flask" /> Test run</button>
        <span className="toolbar-sep" />
        <button type="button" className="button" onClick={onSave} disabled={busy} title="Save draft (Ctrl+S)"><Icon name="save" /> Save</button>
        <button type="button" className="button primary" onClick={onPublish} disabled={busy}><Icon name="rocket" /> Publish</button>
      </div>
    </div>
  );
}
