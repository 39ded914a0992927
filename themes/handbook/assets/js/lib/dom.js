// Element helpers for the scripts that draw forms.

// el makes an element: attrs are its attributes (text: its text), kids its
// children (null ones are left out).
export function el(tag, attrs, kids) {
  const e = document.createElement(tag);
  Object.keys(attrs || {}).forEach((k) => {
    if (k === "text") e.textContent = attrs[k];
    else e.setAttribute(k, attrs[k]);
  });
  (kids || []).forEach((c) => { if (c) e.appendChild(c); });
  return e;
}

// button is a plain button (of the class cls, if any) that calls onclick.
export function button(id, text, onclick, cls) {
  const b = el("button", cls ? { type: "button", id, "class": cls, text } : { type: "button", id, text });
  b.addEventListener("click", onclick);
  return b;
}

// select is a labelled select of options (their index is the value) that
// calls onchange with the chosen index.
export function select(id, label, options, value, onchange) {
  const s = el("select", { id });
  options.forEach((o, i) => {
    const opt = el("option", { value: String(i), text: o });
    if (i === value) opt.selected = true;
    s.appendChild(opt);
  });
  s.addEventListener("change", () => onchange(parseInt(s.value, 10)));
  return el("p", { "class": "field" }, [el("label", { "for": id, text: label }), s]);
}

// ratings is the radio group for one competency: one choice per label,
// checked where the index is chosen; onchoose gets the index chosen.
export function ratings(prefix, id, labels, chosen, ariaLabel, onchoose) {
  const opts = labels.map((label, i) => {
    const key = prefix + "-" + id + "-" + i;
    const input = el("input", { type: "radio", name: prefix + "-" + id, id: key, value: String(i) });
    if (chosen === i) input.checked = true;
    input.addEventListener("change", () => onchoose(i));
    return el("span", { "class": "rating choice" }, [input, el("label", { "for": key, text: label })]);
  });
  return el("div", { "class": "ratings choice-group", role: "radiogroup", "aria-label": ariaLabel }, opts);
}

// download is the export's text box and its download link: show(text,
// name, type) fills the box and offers the text as the file name (no name:
// no link). The link has no href until there is a file: an empty link
// with one is a link to nothing (pa11y H91).
export function download(boxId, linkId, label, fileName, linkText) {
  const out = el("textarea", { id: boxId, rows: "8", readonly: "readonly", "aria-label": label });
  const link = el("a", { id: linkId, "class": "download", download: fileName, hidden: "hidden" });
  out.hidden = true;
  function show(text, name, type) {
    out.value = text;
    out.hidden = false;
    if (!name) {
      link.hidden = true;
      link.removeAttribute("href");
      return;
    }
    link.hidden = false;
    link.setAttribute("download", name);
    link.textContent = linkText(name);
    link.href = URL.createObjectURL(new Blob([text], { type }));
  }
  return { out, link, show };
}
