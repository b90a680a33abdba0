// The outlet token: taken from ?token= once (then removed from the address bar), kept in localStorage.
const KEY = "aftercall.token";

export function adoptTokenFromUrl(location = window.location, history = window.history) {
  const url = new URL(location.href);
  const token = url.searchParams.get("token");
  if (!token) return;
  localStorage.setItem(KEY, token.trim());
  url.searchParams.delete("token");
  history.replaceState(null, "", url.pathname + (url.search ? url.search : "") + url.hash);
}

export function getToken() {
  return localStorage.getItem(KEY);
}

export function setToken(token) {
  localStorage.setItem(KEY, token.trim());
}

export function clearToken() {
  localStorage.removeItem(KEY);
}

/** The token's claims, unverified: only for display; the server checks the signature. */
export function claimsOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch {
    return null;
  }
}
