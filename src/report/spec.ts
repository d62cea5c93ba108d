/** A JSON scalar. */
export type JsonScalar = string | number | boolean | null;

/** Any JSON value: what a Vega-Lite spec is made of. */
export type JsonValue = JsonScalar | readonly JsonValue[] | JsonObject;

/** A JSON object. */
export type JsonObject = { readonly [key: string]: JsonValue };

/** One row of a chart's inline data: flat fields only. */
export type ChartRow = { readonly [field: string]: JsonScalar };

/**
 * A Vega-Lite (v6) specification as plain JSON, typed minimally: the schema, a title, the inline
 * data rows, and the rest of the grammar as JSON values. It survives `JSON.stringify` unchanged
 * and renders with any Vega-Lite 6 tool (the online editor, vega-embed, `renderSvg`).
 */
export type ChartSpec = {
  readonly $schema: string;
  readonly title: { readonly text: string; readonly subtitle?: string | readonly string[]; readonly aria?: boolean };
  readonly data: { readonly values: readonly ChartRow[] };
  readonly [key: string]: JsonValue;
};

/** The Vega-Lite 6 JSON schema URL. */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
