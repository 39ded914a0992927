// Text for exports.

// oneLine is s with its white space folded to single spaces.
export function oneLine(s) {
  return (s || "").replace(/\s+/g, " ").trim();
}

// csvCell quotes every cell and defuses what a spreadsheet would run as a
// formula (OWASP, CSV injection).
export function csvCell(s) {
  s = String(s);
  if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s)) s = "'" + s;
  return '"' + s.replace(/"/g, '""') + '"';
}

// csv is rows of cells as CSV, each cell written by cell.
export function csv(rows, cell) {
  return rows.map((r) => r.map(cell).join(",")).join("\n") + "\n";
}
