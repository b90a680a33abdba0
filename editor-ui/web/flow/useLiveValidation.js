import { useEffect, useRef, useState } from "react";
import { api } from "../lib/api.js";

const DELAY_MS = 500;

/** Checks the unsaved document with the server shortly after each change; the errors name node and field. */
export function useLiveValidation(doc, revision) {
  const [errors, setErrors] = useState([]);
  const latest = useRef(doc);
  latest.current = doc;
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      api("/flows/validate", { method: "POST", body: latest.current })
        .then((result) => !cancelled && setErrors(result.errors ?? []))
        .catch(() => {});
    }, revision === 0 ? 0 : DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [revision]);
  return errors;
}
