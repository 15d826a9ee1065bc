/**
 * A route whose body is not a small JSON document declares what it takes here, in its own
 * module; the API's body middleware applies the declarations and names no feature path itself.
 */
export interface BodyRule {
  /** The request paths it covers. */
  path: RegExp;
  /** Media types the route accepts (anything else: 415). */
  types: readonly string[];
  /** Largest body, in bytes (more: 413). */
  maxBytes: number;
  /** The 413's detail (the API speaks English; screens translate by status). */
  tooLarge: string;
}
