import { describe, expect, it } from "vitest";
import { loadPeer, MissingPeerError, OPTIONAL_PEERS } from "../../src/domain/peers.js";

// The loader of optional peers: a missing package becomes an error naming it; anything else passes through.
function notFound(message: string, code = "ERR_MODULE_NOT_FOUND"): Error {
  return Object.assign(new Error(message), { code });
}

describe("loadPeer", () => {
  it("returns the module when it loads", async () => {
    const m = await loadPeer("vega", () => import("vega"));
    expect(typeof m.View).toBe("function");
  });

  it.each(Object.keys(OPTIONAL_PEERS) as (keyof typeof OPTIONAL_PEERS)[])("names %s and the feature when it is not installed", async (name) => {
    // The messages Node gives for a missing package: ESM (import) and CJS (require) forms.
    for (const e of [notFound(`Cannot find package '${name}' imported from /app/dist/node.js`), notFound(`Cannot find module '${name}'`, "MODULE_NOT_FOUND")]) {
      const err = await loadPeer(name, () => Promise.reject(e)).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(MissingPeerError);
      expect((err as Error).message).toContain(`npm install ${name}`);
      expect((err as Error).message).toContain(OPTIONAL_PEERS[name]);
      expect((err as Error).cause).toBe(e);
    }
  });

  it("passes other errors through, including a missing package of the peer's own", async () => {
    const own = new TypeError("boom");
    await expect(loadPeer("exceljs", () => Promise.reject(own))).rejects.toBe(own);
    const inner = notFound("Cannot find package 'jszip' imported from /app/node_modules/exceljs/index.js");
    await expect(loadPeer("exceljs", () => Promise.reject(inner))).rejects.toBe(inner);
  });
});
