// Screens built on APIs that may not be deployed yet (functions, extraction, destinations, actions) tell "this
// server has no such API" apart from "this resource does not exist", so they can say so instead of breaking.
import { ApiError } from "./api.js";

/**
 * True when the server has no route for the request: 404 answered by the route matcher ("not found: /api/...")
 * or 405, as opposed to a 404 of a resource that a present API does not have.
 */
export function isMissingApi(error) {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 405 || error.status === 501) return true;
  return error.status === 404 && /^not found: \//.test(error.message);
}
