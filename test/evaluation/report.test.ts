import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/evaluation/escape-html.js";
import { REPORT_CONTENT_SECURITY_POLICY, renderHtmlReport } from "../../src/evaluation/report-html.js";
import { renderMarkdownReport } from "../../src/evaluation/report-markdown.js";
import type { BenchmarkResults } from "../../src/evaluation/run-benchmark.js";
import { parseTrecRun } from "../../src/evaluation/run-file.js";
import { defaultBenchmarkOutputFolder, formatQrels, writeBenchmarkReport } from "../../src/evaluation/write-benchmark-report.js";
import { MALICIOUS_REVIEW } from "./bench-fixtures.js";
import { maliciousBenchmarkResults, REPORT_TECHNIQUES } from "./bench-report-fixture.js";

let results: BenchmarkResults;
let folder: string;
beforeAll(async () => {
  results = await maliciousBenchmarkResults();
  folder = await mkdtemp(join(tmpdir(), "bench-report-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("escapeHtml", () => {
  it("escapes the five HTML-significant characters, and only them", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a> ok`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt; ok");
    expect(escapeHtml(12.5)).toBe("12.5");
    expect(escapeHtml("é ✓")).toBe("é ✓");
  });
});

describe("HTML report", () => {
  it("is self-contained: a strict CSP, no script, no external resource", () => {
    const page = renderHtmlReport(results);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">`);
    expect(REPORT_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link|@import|url\(|src="http/i);
    expect(page).not.toMatch(/<img/i);
  });

  it("escapes review text, query text and file names", () => {
    const page = renderHtmlReport(results);
    expect(page).toContain(escapeHtml(MALICIOUS_REVIEW));
    expect(page).not.toContain(MALICIOUS_REVIEW);
    expect(page).not.toContain('<b id="file-name-markup">');
    expect(page).toContain("&lt;b id=&quot;file-name-markup&quot;&gt;");
  });

  it("draws one nDCG bar per technique, tagged with its name and value", () => {
    const page = renderHtmlReport(results);
    const chart = page.slice(page.indexOf('<svg id="ndcg-chart"'), page.indexOf("</svg>", page.indexOf('<svg id="ndcg-chart"')));
    const bars = [...chart.matchAll(/<g class="bar" data-technique="([^"]+)" data-value="([^"]*)"/g)];
    expect(bars.map((bar) => bar[1])).toEqual(REPORT_TECHNIQUES);
    for (const [index, bar] of bars.entries()) expect(Number(bar[2])).toBeCloseTo(results.techniques[index]!.summary.all!.metrics.ndcg, 5);
  });
});

describe("Markdown report", () => {
  it("has a table per query group, techniques as rows", () => {
    const markdown = renderMarkdownReport(results);
    for (const heading of ["## all queries (6)", "## semantic (2)", "## filtered (2)", "## filter-only (2)", "## nDCG@10 by query kind"])
      expect(markdown).toContain(heading);
    expect(markdown).toMatch(/\| naive \| \d\.\d{3} \|/);
    expect(markdown).toMatch(/\| hybrid \| \d\.\d{3} \| .* \| [+−±]\d\.\d{3} \| (< 0\.001|\d\.\d{3}) \|/);
  });
});

describe("writeBenchmarkReport", () => {
  it("writes JSON, Markdown, HTML, qrels and one TREC run per technique", async () => {
    const files = await writeBenchmarkReport(results, folder);
    expect((await readdir(folder)).sort()).toEqual(["qrels.txt", "report.html", "results.json", "results.md", "runs"]);
    expect((await readdir(join(folder, "runs"))).sort()).toEqual(["hybrid.run", "naive.run"]);
    expect(JSON.parse(await readFile(files.json, "utf8"))).toMatchObject({ version: 1, settings: { k: 10 } });
    const run = parseTrecRun(await readFile(files.runs.naive!, "utf8"));
    expect(run.length).toBe(6 * 8); // 6 queries x 8 documents (k = 10 > 8)
    expect(run.every((line) => line.tag === "naive")).toBe(true);
    expect(await readFile(files.qrels, "utf8")).toBe(formatQrels(results));
    expect(formatQrels(results).split("\n")[0]).toBe("t1 0 jw1-0 2");
  });

  it("names default output folders by timestamp, without colons", () => {
    expect(defaultBenchmarkOutputFolder(new Date("2025-03-04T05:06:07.890Z"))).toBe(join("bench-results", "2025-03-04T05-06-07Z"));
  });
});
