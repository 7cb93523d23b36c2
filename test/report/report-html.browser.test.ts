import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBenchmarkReport } from "../../src/evaluation/write-benchmark-report.js";
import { MALICIOUS_REVIEW } from "../evaluation/bench-fixtures.js";
import { maliciousBenchmarkResults, REPORT_TECHNIQUES } from "../evaluation/bench-report-fixture.js";

// Opens the benchmark's HTML report in headless Chromium (Debian's `chromium` package, installed by
// scripts/install-chromium.sh, which .ci/run runs before the tests) and checks the page as a browser
// sees it after load: it renders, the nDCG chart has one bar per technique, and review text holding
// <script> / onerror markup neither runs nor becomes elements. In CI a missing Chromium FAILS this
// test; elsewhere it is skipped with the install hint.

const CHROMIUM = process.env.CHROMIUM_BINARY ?? "/usr/bin/chromium";
const chromiumInstalled = existsSync(CHROMIUM);
const runningInCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";
const REPORT_TITLE = "Retriever benchmark report";
const CHROMIUM_TIMEOUT_MS = 60_000;

let folder: string;
let reportPath: string;

function chromium(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const profile = join(folder, `profile-${Math.random().toString(36).slice(2)}`);
  const flags = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    `--user-data-dir=${profile}`,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, [...flags, ...args], { timeout: CHROMIUM_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

const dumpDom = async (path: string) => (await chromium(["--virtual-time-budget=2000", "--dump-dom", pathToFileURL(path).href])).stdout;

describe("HTML report in headless Chromium", () => {
  if (!chromiumInstalled && runningInCi) {
    it("needs Chromium", () => {
      throw new Error(`${CHROMIUM} is missing: .ci/run must run scripts/install-chromium.sh before the tests`);
    });
    return;
  }
  if (!chromiumInstalled) {
    // Skipped outside CI only: install it with `bash scripts/install-chromium.sh` (or set CHROMIUM_BINARY).
    it.skip(`needs ${CHROMIUM} (run scripts/install-chromium.sh)`, () => undefined);
    return;
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "report-browser-"));
    const files = await writeBenchmarkReport(await maliciousBenchmarkResults(), join(folder, "report"));
    reportPath = files.html;
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("renders the report, with one nDCG bar per technique", async () => {
    const dom = await dumpDom(reportPath);
    expect(dom).toContain(`<title>${REPORT_TITLE}</title>`);
    expect(dom).toContain('<svg id="ndcg-chart"');
    const chart = dom.slice(dom.indexOf('<svg id="ndcg-chart"'), dom.indexOf("</svg>", dom.indexOf('<svg id="ndcg-chart"')));
    const bars = [...chart.matchAll(/<g class="bar" data-technique="([^"]+)"/g)].map((match) => match[1]);
    expect(bars).toEqual(REPORT_TECHNIQUES);
    expect(chart.match(/<rect /g)).toHaveLength(REPORT_TECHNIQUES.length);
    expect(dom).toContain('<section class="group" data-group="filter-only">');

    const screenshot = join(folder, "report.png");
    await chromium(["--window-size=1200,1600", "--hide-scrollbars", `--screenshot=${screenshot}`, pathToFileURL(reportPath).href]);
    const png = await readFile(screenshot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await stat(screenshot)).size).toBeGreaterThan(20_000); // a blank page compresses to a few KB
  });

  it("draws the per-kind chart as grouped bars with 95% bootstrap whiskers around each mean", async () => {
    const results = await maliciousBenchmarkResults();
    const dom = await dumpDom(reportPath);
    const start = dom.indexOf('<svg id="kind-chart"');
    expect(start).toBeGreaterThan(-1);
    const chart = dom.slice(start, dom.indexOf("</svg>", start));
    const groups = [...chart.matchAll(/<g class="kind-group" data-kind="([^"]+)"/g)].map((match) => match[1]);
    expect(groups).toEqual(results.groups);
    const bars = [
      ...chart.matchAll(
        /<g class="kind-bar" data-kind="([^"]+)" data-technique="([^"]+)" data-value="([^"]+)" data-lower="([^"]+)" data-upper="([^"]+)"/g,
      ),
    ];
    expect(bars).toHaveLength(results.groups.length * REPORT_TECHNIQUES.length);
    for (const [, kind, technique, value, lower, upper] of bars) {
      const result = results.techniques.find((item) => item.technique === technique)!;
      const expected = result.summary[kind as keyof typeof result.summary]!.metrics.ndcg;
      expect(Number(value)).toBeCloseTo(expected, 5);
      expect(Number(lower)).toBeLessThanOrEqual(Number(value) + 1e-9);
      expect(Number(upper)).toBeGreaterThanOrEqual(Number(value) - 1e-9);
    }
    // One bar and three whisker lines (stem and two caps) per technique and kind.
    expect(chart.match(/<rect /g)).toHaveLength(bars.length);
    expect(chart.match(/<line class="whisker"/g)).toHaveLength(bars.length * 3);
    expect(chart).toContain("95% bootstrap confidence intervals");
  });

  it("shows a per-query table with each technique's wins, losses and ties against the baseline", async () => {
    const results = await maliciousBenchmarkResults();
    const dom = await dumpDom(reportPath);
    const start = dom.indexOf('<table id="wins-losses-table"');
    expect(start).toBeGreaterThan(-1);
    const table = dom.slice(start, dom.indexOf("</table>", start));
    const baseline = results.techniques.find((item) => item.technique === results.settings.baseline)!;
    const others = results.techniques.filter((item) => item !== baseline);
    expect(others.length).toBeGreaterThan(0);
    const rows = [...table.matchAll(/<tr data-query="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((row) => row[1])).toEqual(baseline.queries.map((outcome) => outcome.queryId));
    for (const other of others) {
      let wins = 0;
      let losses = 0;
      let ties = 0;
      for (const [, queryId, row] of rows) {
        const cell = new RegExp(`data-technique="${other.technique}" data-outcome="(win|loss|tie)"`).exec(row!);
        const difference =
          other.queries.find((outcome) => outcome.queryId === queryId)!.metrics.ndcg -
          baseline.queries.find((outcome) => outcome.queryId === queryId)!.metrics.ndcg;
        const expected = difference > 1e-9 ? "win" : difference < -1e-9 ? "loss" : "tie";
        expect(cell?.[1]).toBe(expected);
        if (expected === "win") wins += 1;
        else if (expected === "loss") losses += 1;
        else ties += 1;
      }
      expect(table).toContain(`data-technique="${other.technique}" data-wins="${wins}" data-losses="${losses}" data-ties="${ties}"`);
    }
    // The query text carrying markup is shown as text here too.
    expect(table).not.toMatch(/<script/i);
    expect(table).toContain("thin plot &lt;script&gt;");
  });

  it("shows a review containing <script> as text, and runs none of it", async () => {
    const dom = await dumpDom(reportPath);
    expect(dom).not.toContain("data-pwned="); // the onerror handler did not set the attribute
    expect(dom).toContain("<body>");
    expect(dom).toContain(`<title>${REPORT_TITLE}</title>`);
    expect(dom).not.toMatch(/<script/i);
    expect(dom).not.toMatch(/<img/i);
    // Visible as text (serialized DOM escapes text nodes).
    expect(dom).toContain(
      "&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"&gt;",
    );
    expect(dom).not.toContain('<b id="file-name-markup">');
    expect(dom).toContain('&lt;b id="file-name-markup"&gt;queries&lt;/b&gt;.jsonl');
  });

  it("blocks script through its Content-Security-Policy even if an escape were missed", async () => {
    const page = await readFile(reportPath, "utf8");
    const tampered = join(folder, "tampered.html");
    await writeFile(
      tampered,
      page.replace("<body>", `<body>${MALICIOUS_REVIEW}<script>document.body.setAttribute('data-pwned','2')</script>`),
    );
    const dom = await dumpDom(tampered);
    expect(dom).toMatch(/<script>document\.title='pwned'<\/script>/); // the markup is there as elements...
    expect(dom).not.toContain("data-pwned=");
    expect(dom).toContain(`<title>${REPORT_TITLE}</title>`); // ...but nothing ran

    // Control: without the CSP the same markup does run, so the check above can fail.
    const unprotected = join(folder, "unprotected.html");
    await writeFile(unprotected, (await readFile(tampered, "utf8")).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ""));
    expect(await dumpDom(unprotected)).toContain("<title>pwned</title>");
  });
});
