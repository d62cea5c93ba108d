import type { Note } from "../../domain/notes.js";

/** The two renderings of one note code: English and Chinese sentences from the note's parameters. */
export interface NoteText {
  readonly en: (params: Note["params"]) => string;
  readonly zh: (params: Note["params"]) => string;
}

/**
 * The texts of the note codes one layer emits, keyed by code. Each layer's codes live in a file of
 * their own under `report/notes/` and are merged into one catalogue there.
 */
export type NoteTexts = Readonly<Record<string, NoteText>>;
