// Pure helpers of the calls screens: the "since" filter, durations, where an extracted field came from.

export const SINCE = [
  ["", "Any time"],
  ["1h", "Last hour"],
  ["24h", "Last 24 hours"],
  ["7d", "Last 7 days"],
  ["30d", "Last 30 days"],
];
const HOURS = { "1h": 1, "24h": 24, "7d": 24 * 7, "30d": 24 * 30 };

/** The ISO timestamp a "since" choice stands for, counted back from now. */
export function sinceTimestamp(choice, now = Date.now()) {
  return HOURS[choice] ? new Date(now - HOURS[choice] * 3600_000).toISOString() : null;
}

/** Seconds as "42 s" or "3 m 05 s". */
export function formatDuration(seconds) {
  if (seconds == null || Number.isNaN(Number(seconds))) return "–";
  const total = Math.round(Number(seconds));
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)} m ${String(total % 60).padStart(2, "0")} s`;
}

/** Where extraction says a field came from: ai_analysis as {fields: [{name, ...}]}, {fields: {name: ...}} or {name: ...}. */
export function fieldInfo(analysis, name) {
  if (!analysis || typeof analysis !== "object") return null;
  const fields = analysis.fields;
  if (Array.isArray(fields)) return fields.find((f) => f?.name === name) ?? null;
  const info = (fields && typeof fields === "object" ? fields : analysis)[name];
  return info && typeof info === "object" && !Array.isArray(info) ? info : null;
}

