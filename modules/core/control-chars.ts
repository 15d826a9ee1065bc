/**
 * C0 controls and DEL, except the whitespace ones: tab, line feed, carriage return, and vertical
 * tab and form feed (PowerPoint and Word paste a line break inside a paragraph as a vertical tab).
 */
export function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7f || (c < 0x20 && (c < 0x09 || c > 0x0d))) return true;
  }
  return false;
}

/**
 * Whether a JSON text may hold one: JSON carries a C0 control only escaped (raw, it is invalid
 * JSON), as `\u000X`, `\u001X`; DEL raw or as `\u007F`. A backslash escaped before the `u` only
 * costs a parse that then finds nothing.
 */
function mayHoldControl(text: string): boolean {
  if (text.includes(String.fromCharCode(0x7f))) return true;
  for (let i = text.indexOf("\\u00"); i >= 0; i = text.indexOf("\\u00", i + 1)) {
    const hi = text[i + 4];
    const lo = text[i + 5]?.toLowerCase();
    if (hi === "0" || hi === "1" || (hi === "7" && lo === "f")) return true;
  }
  return false;
}

/**
 * Where a JSON text holds a control character in a string or a key, as field paths (`a.0.b`, ""
 * for the top level), at most `max` of them. A NUL or an escape code in a name or a note would be
 * stored and then break what reads it (CSV exports, the Python service, LinkedIn's API), so the
 * edge refuses it with the fields named. One pass over the text when there is none; the text is
 * parsed only when an escape is present, and its depth is already bounded (MAX_JSON_DEPTH).
 */
export function controlCharPaths(text: string, max = 20): string[] {
  if (!mayHoldControl(text)) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return []; // Not JSON: the route's validator says so.
  }
  const found: string[] = [];
  const walk = (v: unknown, path: string[]): void => {
    if (found.length >= max) return;
    if (typeof v === "string") {
      if (hasControlChar(v)) found.push(path.join("."));
    } else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (hasControlChar(k) && found.length < max) found.push([...path, k].join("."));
        walk(x, [...path, k]);
      }
    }
  };
  walk(value, []);
  return found;
}
