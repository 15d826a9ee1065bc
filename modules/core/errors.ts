/**
 * The typed errors services throw. Exactly one place (the API's onError) turns them into
 * RFC 9457 problem+json responses; nothing else builds error responses by hand.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number; code?: string } = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
  get type(): string {
    return `https://lifetrek.app/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  }
}

export class BadRequest extends AppError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, "Invalid request", detail, errors ? { errors } : {});
  }
}
export class Unauthorized extends AppError {
  constructor(detail = "Sign in or send a valid API token.") {
    super(401, "Unauthorized", detail);
  }
}
export class Forbidden extends AppError {
  constructor(detail = "You are not allowed to do this.") {
    super(403, "Forbidden", detail);
  }
}
export class NotFound extends AppError {
  constructor(what = "Resource") {
    super(404, "Not found", `${what} not found.`);
  }
}
export class Conflict extends AppError {
  constructor(detail: string) {
    super(409, "Conflict", detail);
  }
}
export class LimitReached extends AppError {
  constructor(detail: string, retryAfterSeconds: number, code = "limit_reached") {
    super(429, "Limit reached", detail, { retryAfterSeconds, code });
  }
}

/** Turns a zod issue list into our `{path, message}` field errors. */
export function fieldErrors(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix = "",
): FieldError[] {
  return issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
}
