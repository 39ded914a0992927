// State kept in this browser: in the page's address (after #, so never sent
// to a server) as URL-safe base64 of JSON, and in localStorage.

// b64 is text (any Unicode) as URL-safe base64 of its UTF-8, unpadded.
export function b64(text) {
  return btoa(unescape(encodeURIComponent(text))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

// unb64 undoes b64; it throws on what b64 did not make.
export function unb64(t) {
  return decodeURIComponent(escape(atob(t.replace(/-/g, "+").replace(/_/g, "/"))));
}

// fromAddress returns the JSON kept after #name= in the address, or null.
export function fromAddress(name) {
  const m = new RegExp("^#" + name + "=(.+)$").exec(location.hash);
  if (!m) return null;
  try {
    return JSON.parse(unb64(m[1]));
  } catch (e) {
    return null;
  }
}

// toAddress keeps value in the address after #name= (no value: nothing after #).
export function toAddress(name, value) {
  history.replaceState(null, "", location.pathname + location.search + (value ? "#" + name + "=" + b64(JSON.stringify(value)) : ""));
}

// stored returns the JSON under key in localStorage, or null.
export function stored(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "null");
  } catch (e) {
    return null;
  }
}

// store keeps value under key (null: removes it); a browser that keeps
// nothing keeps nothing.
export function store(key, value) {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch (e) { /* storage off or full: the address still holds it */ }
}
