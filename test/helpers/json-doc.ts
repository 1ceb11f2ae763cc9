/**
 * The type of a parsed JSON document that a test reads field by field (CLI --json output, API
 * bodies). One alias, so the looseness is declared once instead of at every use.
 */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON read field by field in assertions
export type JsonDoc = any;
