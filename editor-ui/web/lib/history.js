// Undo and redo over snapshots of the flow. Typing into one field within a short time is one step.
const LIMIT = 100;
const COALESCE_MS = 800;

export class History {
  constructor() {
    this.past = [];
    this.future = [];
    this.lastKey = null;
    this.lastAt = 0;
  }

  /** Remembers `before` (the state about to change) unless it continues the same edit (same key, just now). */
  record(before, key = null, now = Date.now()) {
    const continues = key !== null && key === this.lastKey && now - this.lastAt < COALESCE_MS;
    this.lastKey = key;
    this.lastAt = now;
    if (continues) return;
    this.past.push(before);
    if (this.past.length > LIMIT) this.past.shift();
    this.future = [];
  }

  undo(current) {
    if (!this.past.length) return null;
    this.future.push(current);
    this.lastKey = null;
    return this.past.pop();
  }

  redo(current) {
    if (!this.future.length) return null;
    this.past.push(current);
    this.lastKey = null;
    return this.future.pop();
  }

  get canUndo() {
    return this.past.length > 0;
  }

  get canRedo() {
    return this.future.length > 0;
  }
}
