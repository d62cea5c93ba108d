#!/usr/bin/env node
/**
 * The `placecast` executable: runs `main` with the process arguments and exits with its code.
 */
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`placecast: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 4;
  },
);
