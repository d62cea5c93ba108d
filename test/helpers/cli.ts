import { main } from "../../src/cli/main.js";

/** A writable stream stand-in that keeps what is written (`isTTY` for the progress display). */
export function sink(isTTY = false): { write(t: string): boolean; isTTY: boolean; text: () => string } {
  const parts: string[] = [];
  return { write: (t: string) => parts.push(t) > 0, isTTY, text: () => parts.join("") };
}

/** Runs the command line in process with the given arguments; its exit code and what it printed. */
export async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await main(argv, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
