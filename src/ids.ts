// Ids that go into URL paths: from inputs and from answers alike.

/** The most characters an id may have; every documented id is far shorter. */
export const MAX_ID_LENGTH = 128;

/** What a plain id is, in words for messages. */
export const PLAIN_ID_RULE = `letters, digits, "_" and "-" only, 1 to ${MAX_ID_LENGTH} characters`;

const PLAIN_ID = new RegExp(`^[A-Za-z0-9_-]{1,${MAX_ID_LENGTH}}$`);

/**
 * A plain path segment: letters, digits, `_` and `-`, 1–128 characters. Nothing else may go
 * into a URL path (`.`, `..`, `/`, `%`, spaces and control characters would change the request).
 */
export function isPlainId(value: unknown): value is string {
  return typeof value === 'string' && PLAIN_ID.test(value);
}
