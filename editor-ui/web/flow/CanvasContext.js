import { createContext } from "react";

/** What every node card needs beyond its own data: validation errors by node id, the trace overlay, read-only. */
export const CanvasContext = createContext({ errorsByNode: {}, trace: null, readOnly: false });
