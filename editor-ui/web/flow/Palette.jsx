import { catalogue } from "../lib/catalogue.js";
import { Icon } from "../components/Icon.jsx";

export const DRAG_TYPE = "application/x-aftercall-node";

/** The node types to drag onto the canvas (or click to add). A singleton type already in the flow is left out. */
export function Palette({ presentTypes, onAdd }) {
  const types = catalogue().nodes.filter((t) => !(t.singleton && presentTypes.has(t.type)));
  return (
    <aside className="palette" aria-label="Nodes">
      <div className="palette-title">Nodes</div>
      <div className="palette-hint">Drag onto the canvas</div>
      {types.map((t) => (
        <div key={t.type} className="palette-item" draggable data-testid={`palette-${t.type}`}
          style={{ "--node-color": t.color }} title={t.description}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, t.type);
            e.dataTransfer.effectAllowed = "move";
          }}
          onDoubleClick={() => onAdd(t.type)}>
          <span className="palette-icon"><Icon name={t.icon} size={18} /></span>
          <span className="palette-text">
            <span className="palette-label">{t.label}</span>
            <span className="palette-description">{t.description}</span>
          </span>
        </div>
      ))}
    </aside>
  );
}
