/** Tabs as buttons; `tabs` is [{id, label, count?}]. */
export function Tabs({ tabs, active, onChange, className = "" }) {
  return (
    <div className={`tabs ${className}`} role="tablist">
      {tabs.map((tab) => (
        <button key={tab.id} type="button" role="tab" aria-selected={tab.id === active}
          className={tab.id === active ? "tab active" : "tab"} onClick={() => onChange(tab.id)}>
          {tab.label}
          {tab.count != null && <span className="tab-count">{tab.count}</span>}
        </button>
      ))}
    </div>
  );
}
