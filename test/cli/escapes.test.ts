import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT, main } from "../../src/cli/main.js";
import { chinaSchoolSystem, formatIssues, safeParseDataset } from "../../src/index.js";
import { clip, show } from "../../src/data/issues.js";
import { runCli, sink } from "../helpers/cli.js";

// Issue 20 item 10: control characters and terminal escapes in cells reached stderr raw (an ESC
// sequence can recolour, retitle or rewrite a terminal; C1 CSI \u009b too; U+202E reverses text).
const NASTY = "ok\u001b[2J\u001b]0;pwned\u0007\u009b31m\u202Eevil\u0000\r\nend\u007f";
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe("control characters in messages (issue 20 item 10)", () => {
  it("show, clip and formatIssues escape C0, DEL, C1, line separators and bidi controls", () => {
    for (const s of [show(NASTY), clip(NASTY)]) {
      expect(s).not.toMatch(RAW);
      expect(s).not.toContain("\n");
      expect(s).toContain("\\u001b");
      expect(s).toContain("\\u202e");
    }
    const r = safeParseDataset({ areas: [{ id: NASTY }], enrolment: [{ area: NASTY, year: 2020, grade: "P1", pupils: -1 }] }, chinaSchoolSystem);
    expect(r.success).toBe(false);
    if (!r.success) {
      const text = formatIssues(r.issues);
      expect(text).not.toMatch(RAW);
      expect(text.split("\n")).toHaveLength(r.issues.length);
    }
  });

  it("the command line prints no raw control character from a CSV cell, header or file name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "placecast-esc-"));
    writeFileSync(join(dir, "areas.csv"), `id,"${NASTY}"\n"${NASTY}",x\n`);
    writeFileSync(join(dir, "enrolment.csv"), `area,year,grade,pupils\n"${NASTY}",2020,P1,"${NASTY}"\n`);
    const stdout = sink();
    const stderr = sink();
    const code = await main(["forecast", "--data", dir, "--out", join(dir, "out"), "--quiet"], { stdout, stderr });
    expect(code).toBe(EXIT.data);
    expect(stderr.text()).toContain("\\u001b");
    expect(stderr.text()).not.toMatch(RAW);
    const usage = sink();
    expect(await main(["forecast", "--data", dir, "--out", "o", "--lang", NASTY], { stdout: sink(), stderr: usage })).toBe(EXIT.usage);
    expect(usage.text()).not.toMatch(RAW);
    const nul = sink();
    expect(await main(["forecast", "--data", join(dir, NASTY), "--out", "o"], { stdout: sink(), stderr: nul })).toBe(EXIT.usage);
    expect(nul.text()).toContain("must be a path without NUL characters");
    expect(nul.text()).not.toMatch(RAW);
    const missing = sink();
    expect(await main(["forecast", "--data", join(dir, NASTY.replace("\u0000", "")), "--out", "o"], { stdout: sink(), stderr: missing })).toBe(EXIT.io);
    expect(missing.text()).not.toMatch(RAW);
  });
});
