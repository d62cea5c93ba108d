// Entry of the simulation worker thread: registers the TypeScript loader (worker threads do not
// inherit it), then runs simulate-worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./simulate-worker.ts");
