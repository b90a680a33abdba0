// Line icons (24x24, stroke), drawn after the Lucide set.
const PATHS = {
  play: "M7 4.5v15l12-7.5z",
  globe: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3",
  variable: "M8 4c-3 2.5-3 13.5 0 16M16 4c3 2.5 3 13.5 0 16M9.5 9l5 6M14.5 9l-5 6",
  split: "M4 12h6l4-6h6M14 18l-4-6M14 18h6M17 3l3 3-3 3M17 15l3 3-3 3",
  box: "M4 4h16v16H4z",
  plus: "M12 5v14M5 12h14",
  trash: "M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
  copy: "M8 8h12v12H8zM4 16V4h12",
  undo: "M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11",
  redo: "M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13",
  save: "M5 3h11l3 3v15H5zM8 3v5h7V3M8 21v-7h8v7",
  rocket: "M5 19c1-3 2-4 4-5M14 4c3 0 6 3 6 6l-8 8-6-6zM15 9h.01M7 15l-3 1 2-4",
  history: "M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 2",
  upload: "M12 15V3M7 8l5-5 5 5M4 15v5h16v-5",
  download: "M12 3v12M7 10l5 5 5-5M4 15v5h16v-5",
  flask: "M9 3h6M10 3v6L4 19a1.5 1.5 0 0 0 1.3 2h13.4a1.5 1.5 0 0 0 1.3-2L14 9V3M7 15h10",
  send: "M4 12l16-8-6 16-3-7zM11 13l9-9",
  x: "M6 6l12 12M18 6L6 18",
  alert: "M12 3l10 18H2zM12 10v5M12 18h.01",
  check: "M5 12l5 5 9-10",
  key: "M14 3a7 7 0 1 0 0 .01M3 21l7-7M7 17l2 2M5 19l2 2",
  phone: "M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2",
  flow: "M4 4h6v6H4zM14 14h6v6h-6zM7 10v4a3 3 0 0 0 3 3h4",
  chevron: "M9 6l6 6-6 6",
  file: "M6 3h8l5 5v13H6zM14 3v5h5",
  logout: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10",
};

export function Icon({ name, size = 16, className = "", title }) {
  const d = PATHS[name] ?? PATHS.box;
  const filled = name === "play";
  return (
    <svg className={`icon ${className}`} width={size} height={size} viewBox="0 0 24 24" aria-hidden={title ? undefined : true}
      fill={filled ? "currentColor" : "none"} stroke="currentColor" strokeWidth={filled ? 0 : 2}
      strokeLinecap="round" strokeLinejoin="round">
      {title && <title>{title}</title>}
      <path d={d} />
    </svg>
  );
}
