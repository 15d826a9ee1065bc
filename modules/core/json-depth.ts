/** Deeper JSON than this is refused at the edge: no screen needs it, and deep values break readers. */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of a JSON text, counted without parsing (no recursion, O(n)), so a hostile
 * body of 100,000 `[` costs one pass and never reaches `JSON.parse`, zod or D1.
 *
 * @example jsonDepth('{"a":[1,{"b":2}]}') // 3
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return max;
}
