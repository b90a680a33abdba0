import { useRef, useState } from "react";
import { filterVariables, openPlaceholder } from "../lib/variables.js";
import { useVariables } from "./VariablesContext.js";

/**
 * A text input where typing {{ lists the variables that exist at this point of the flow; Enter or Tab inserts
 * the highlighted one and closes the placeholder. Typing on (or a click elsewhere) leaves the list alone.
 */
export function TemplateInput({ value, onChange, placeholder, className = "", invalid = false, ...rest }) {
  const variables = useVariables();
  const input = useRef(null);
  const [menu, setMenu] = useState(null); // {partial, items, index}

  const refresh = (text, caret) => {
    const partial = openPlaceholder(text.slice(0, caret));
    if (partial === null) return setMenu(null);
    const items = filterVariables(variables, partial).slice(0, 40);
    setMenu(items.length ? { partial, items, index: 0 } : null);
  };

  const insert = (variable) => {
    const el = input.current;
    const caret = el.selectionStart ?? el.value.length;
    const before = el.value.slice(0, caret - menu.partial.length);
    const after = el.value.slice(caret).replace(/^\s*\}\}/, "");
    const insertion = variable.name.endsWith(".") ? variable.name : `${variable.name}}}`;
    const text = before + insertion + after;
    onChange(text);
    setMenu(null);
    requestAnimationFrame(() => {
      el.focus();
      const at = before.length + insertion.length;
      el.setSelectionRange(at, at);
      if (variable.name.endsWith(".")) refresh(text, at);
    });
  };

  const onKeyDown = (e) => {
    if (!menu) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setMenu({ ...menu, index: (menu.index + step + menu.items.length) % menu.items.length });
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      insert(menu.items[menu.index]);
    } else if (e.key === "Escape") {
      e.stopPropagation();
      setMenu(null);
    }
  };

  return (
    <div className="template-input">
      <input ref={input} type="text" value={value ?? ""} placeholder={placeholder} spellCheck={false}
        className={`${className} ${invalid ? "invalid" : ""}`}
        onChange={(e) => { onChange(e.target.value); refresh(e.target.value, e.target.selectionStart); }}
        onKeyDown={onKeyDown} onBlur={() => setMenu(null)} {...rest} />
      {menu && (
        <ul className="completions" role="listbox">
          {menu.items.map((item, i) => (
            <li key={item.name} role="option" aria-selected={i === menu.index} className={i === menu.index ? "active" : ""}
              onMouseDown={(e) => { e.preventDefault(); insert(item); }}>
              <span className="completion-name">{item.name}</span>
              {item.detail && <span className="completion-detail">{item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
