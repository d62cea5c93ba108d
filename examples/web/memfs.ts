/**
 * An in-memory file system for the planning page: the bundler (scripts/build-web.ts) maps
 * `node:fs`, `node:fs/promises` and `node:path` to this module, so the library's own readers and
 * writers (`safeReadDataset`, `writeDatasetFiles`) run in the browser on the files a user drops.
 * Only what those functions call is here; paths are POSIX (`/input/data.xlsx`).
 */

const files = new Map<string, Uint8Array>();
const dirs = new Set<string>(["/"]);

function norm(p: string): string {
  const parts: string[] = [];
  for (const s of p.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") parts.pop();
    else parts.push(s);
  }
  return `/${parts.join("/")}`;
}

function notFound(path: string, call: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, ${call} '${path}'`), { code: "ENOENT", path });
}

/** Puts a file (and its folders) into the in-memory file system. */
export function putFile(path: string, bytes: Uint8Array): void {
  const p = norm(path);
  files.set(p, bytes);
  for (let d = dirname(p); ; d = dirname(d)) {
    dirs.add(d);
    if (d === "/") break;
  }
}

/** Removes every file under a folder. */
export function clearDir(path: string): void {
  const p = norm(path);
  for (const f of [...files.keys()]) if (f.startsWith(`${p}/`)) files.delete(f);
}

/** A file's bytes, or undefined. */
export function fileBytes(path: string): Uint8Array | undefined {
  return files.get(norm(path));
}

// node:path
export function join(...parts: string[]): string {
  return norm(parts.join("/"));
}
export const resolve = join;
export function dirname(p: string): string {
  const n = norm(p);
  const i = n.lastIndexOf("/");
  return i <= 0 ? "/" : n.slice(0, i);
}
export function basename(p: string, ext?: string): string {
  const b = norm(p).split("/").pop() ?? "";
  return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b;
}
export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf(".");
  return i <= 0 ? "" : b.slice(i);
}

// node:fs and node:fs/promises
export function existsSync(p: string): boolean {
  return files.has(norm(p)) || dirs.has(norm(p));
}
export async function readFile(p: string, encoding?: string): Promise<Uint8Array | string> {
  const b = files.get(norm(p));
  if (!b) throw notFound(p, "open");
  return encoding ? new TextDecoder().decode(b) : b;
}
export async function writeFile(p: string, data: Uint8Array | string): Promise<void> {
  putFile(p, typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data));
}
export async function mkdir(p: string): Promise<void> {
  putFile(join(p, ".keep"), new Uint8Array());
  files.delete(join(p, ".keep"));
}
export async function readdir(p: string): Promise<string[]> {
  const d = norm(p);
  if (!dirs.has(d)) throw notFound(p, "scandir");
  const prefix = d === "/" ? "/" : `${d}/`;
  const names = new Set<string>();
  for (const f of [...files.keys(), ...dirs]) if (f.startsWith(prefix) && f !== d) names.add(f.slice(prefix.length).split("/")[0]!);
  return [...names].sort();
}
export async function stat(p: string): Promise<{ size: number; isDirectory(): boolean; isFile(): boolean }> {
  const n = norm(p);
  const b = files.get(n);
  if (b) return { size: b.length, isDirectory: () => false, isFile: () => true };
  if (dirs.has(n)) return { size: 0, isDirectory: () => true, isFile: () => false };
  throw notFound(p, "stat");
}
