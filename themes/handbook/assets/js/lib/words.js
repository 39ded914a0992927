// The page's words. Every word a script shows comes from the theme's i18n
// files: the template writes the ones a script needs, in the page's
// language, into a data attribute (data-ui) as JSON, and the script looks
// them up here. No words are written in the scripts themselves.

// words reads the element's data-ui and returns say(id, vars): the words
// for id with each {name} replaced by vars[name]. A missing id is a bug of
// the template: it is logged, and the id itself shown.
export function words(element) {
  let ui = {};
  try {
    ui = JSON.parse(element.getAttribute("data-ui") || "{}");
  } catch (e) {
    console.error("data-ui is not JSON", e);
  }
  return function say(id, vars) {
    let s = ui[id];
    if (s == null) {
      console.error("no words for " + id + " in data-ui");
      s = id;
    }
    return fill(s, vars);
  };
}

// fill replaces each {name} in s by vars[name].
export function fill(s, vars) {
  Object.keys(vars || {}).forEach((k) => { s = s.split("{" + k + "}").join(String(vars[k])); });
  return s;
}
