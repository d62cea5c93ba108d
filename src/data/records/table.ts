import * as z from "zod/mini";
import { note, type Note, type NoteValue } from "../../domain/notes.js";
import { clip, issue, show, type DataIssue, type IssuePath } from "../issues.js";
import { zodEnglish } from "../zodEnglish.js";

/** How the figures in a record were obtained. Estimates are labelled in every output. */
export const provenanceSchema = z.enum(["reported", "estimate"]);
/** `"reported"` or `"estimate"`. */
export type Provenance = z.infer<typeof provenanceSchema>;

/** Fields every record may carry to say where it came from. */
export const provenanceFields = {
  /** `"estimate"` marks a figure invented to fill a gap; default `"reported"`. */
  provenance: z.optional(provenanceSchema),
  /** Source or estimate method, free text. */
  note: z.optional(z.string()),
};

/** An id: non-empty text. Reserved ids are refused later with their own message. */
export const idSchema = z.string().check(z.minLength(1));
/** A calendar or school year. */
export const yearSchema = z.int().check(z.gte(1800), z.lte(2300));
/** A count of people or places. */
export const countSchema = z.int().check(z.nonnegative());

/** Rules of the fields every record may carry (`provenanceFields`), for messages. */
const COMMON_RULES: Readonly<Record<string, string>> = {
  provenance: 'must be "reported" or "estimate", or left out',
  note: "must be text, or left out",
};

/** Describes one record type (one table) of the dataset. */
export interface TableSpec<T> {
  /** Field name in the dataset, e.g. `"enrolment"`. */
  readonly name: string;
  readonly schema: z.ZodMiniType<T>;
  /** What each field must be, in words, for messages: `pupils: "must be a non-negative integer"`. */
  readonly rules: Readonly<Record<string, string>>;
  /** Identifying fields shown in messages, in order: `["area", "grade", "year"]`. */
  readonly keyFields: readonly string[];
}

/** A parsed row with the index it had in the input. */
export interface Row<T> {
  readonly index: number;
  readonly value: T;
}

/**
 * Where a record is, for people: `enrolment[12] (area jiangcheng, grade P3, year 2018)`.
 */
export function locate(table: string, index: number, raw: unknown, keyFields: readonly string[]): string {
  const parts: string[] = [];
  if (raw && typeof raw === "object") {
    for (const k of keyFields) {
      const v = (raw as Record<string, unknown>)[k];
      if (Object.prototype.hasOwnProperty.call(raw, k) && (typeof v === "string" || typeof v === "number")) parts.push(`${k} ${typeof v === "string" ? clip(v) : v}`);
    }
  }
  return `${table}[${index}]${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

/**
 * The coded form of a record's location (`locate`) for an issue's `detail`: the table, the
 * record's index and its identifying fields as a flat list (field, value, field, value…).
 */
export function recordAt(table: string, index: number, raw: unknown, keyFields: readonly string[]): { table: string; index: number; keys: (string | number)[] } {
  const keys: (string | number)[] = [];
  if (raw && typeof raw === "object") {
    for (const k of keyFields) {
      const v = (raw as Record<string, unknown>)[k];
      if (Object.prototype.hasOwnProperty.call(raw, k) && (typeof v === "string" || typeof v === "number")) keys.push(k, typeof v === "string" ? clip(v) : v);
    }
  }
  return { table, index, keys };
}

/** A `data.…` detail note about one record (`recordAt`) with the parameters of its message. */
export function recordNote(code: string, at: ReturnType<typeof recordAt>, params: Readonly<Record<string, NoteValue>> = {}): Note {
  return note(code, { ...at, ...params });
}

/**
 * Validates every row of one table with its zod schema, row by row, so that one bad row does not
 * hide the others. Returns the rows that passed with their input index, and pushes one located
 * issue per problem into `issues`.
 */
export function parseTable<T>(spec: TableSpec<T>, raw: unknown, issues: DataIssue[]): Row<T>[] {
  if (!Array.isArray(raw)) {
    issues.push(issue("invalid_type", [spec.name], `${spec.name} must be a list of records, got ${show(raw)}`, "error", note("data.not-a-list", { table: spec.name, got: show(raw) })));
    return [];
  }
  const rows: Row<T>[] = [];
  raw.forEach((rec: unknown, index) => {
    const r = spec.schema.safeParse(rec, { error: zodEnglish });
    if (r.success) {
      rows.push({ index, value: r.data });
      return;
    }
    const where = locate(spec.name, index, rec, spec.keyFields);
    const at = recordAt(spec.name, index, rec, spec.keyFields);
    for (const zi of r.error.issues) {
      const path: IssuePath = [spec.name, index, ...zi.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
      if (zi.code === "unrecognized_keys") {
        const keys = (zi as { keys?: string[] }).keys ?? [];
        issues.push(issue("unknown_field", path, `${where}: unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => show(k)).join(", ")}; known fields are ${Object.keys(spec.rules).join(", ")} (and provenance, note)`, "error", recordNote("data.unknown-fields", at, { fields: keys.map((k) => show(k)), known: Object.keys(spec.rules) })));
        continue;
      }
      const field = zi.path.length ? String(zi.path[0]) : "";
      const value = rec && typeof rec === "object" && field ? (rec as Record<string, unknown>)[field] : rec;
      const rule = spec.rules[field] ?? (Object.prototype.hasOwnProperty.call(COMMON_RULES, field) ? COMMON_RULES[field] : undefined);
      const code = zi.code === "invalid_type" && value !== undefined && typeof value !== "number" ? "invalid_type" : "invalid_value";
      let hint = "";
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) && rule && /integer|number|year/.test(rule)) {
        hint = " (numbers must not be given as text)";
      }
      const text = !field
        ? `${where}: must be a record (an object), got ${show(rec)}`
        : rule
          ? `${where}: ${field} ${rule}, got ${show(value)}${hint}`
          : `${where}: ${zi.path.join(".")}: ${zi.message}`;
      const detail = !field
        ? recordNote("data.not-a-record", at, { got: show(rec) })
        : rule
          ? recordNote("data.field-rule", at, { field, got: show(value), asText: hint !== "" })
          : recordNote("data.field-invalid", at, { path: zi.path.join("."), reason: zi.message });
      issues.push(issue(code, path, text, "error", detail));
    }
  });
  return rows;
}
