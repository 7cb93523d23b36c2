import type { BenchmarkResults, GroupSummary, QueryGroup, TechniqueResult } from "./run-benchmark.js";

/** Formats a metric in [0, 1] with three decimals. */
export function formatMetric(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : "–";
}

/** Formats milliseconds: one decimal under 100 ms, whole numbers above. */
export function formatMilliseconds(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** Formats a p-value: three decimals, `< 0.001` below that. */
export function formatPValue(value: number): string {
  return value < 0.001 ? "< 0.001" : value.toFixed(3);
}

/** Formats a per-query count with at most one decimal. */
export function formatPerQuery(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** Human name of a query group. */
export function groupLabel(group: QueryGroup): string {
  return group === "all" ? "all queries" : group;
}

/** The significance columns of a technique for a group: signed difference of mean nDCG and p. */
export function significanceCells(result: TechniqueResult, group: QueryGroup, baseline: string): [string, string] {
  if (result.technique === baseline) return ["(baseline)", ""];
  const test = result.significance?.[group];
  if (test === undefined) return ["–", "–"];
  const sign = test.meanDifference > 0 ? "+" : test.meanDifference < 0 ? "−" : "±";
  return [`${sign}${Math.abs(test.meanDifference).toFixed(3)}`, formatPValue(test.pValue)];
}

/** The filter-accuracy cell: `correct/total (share)`, `n/total spurious` for queries without a gold filter, or `–` for techniques that build no filter. */
export function filterAccuracyCell(summary: GroupSummary): string {
  const accuracy = summary.filterAccuracy;
  if (accuracy !== null) return `${accuracy.correct}/${accuracy.total} (${(accuracy.accuracy * 100).toFixed(0)}%)`;
  // Queries without a gold filter: how many got a spurious one (a filter that drops documents).
  const spurious = summary.spuriousFilters;
  return spurious === null ? "–" : `${spurious.count}/${spurious.total} spurious`;
}

/**
 * Text from data (query ids, warnings, error messages, technique names) as literal Markdown: anything
 * that would start HTML (`<b`, `</`, `<!`, an entity `&lt;`) is entity-escaped, so it shows as text and
 * never as markup; Markdown punctuation that formats inline (`` ` * _ [ ] | ~ \ ``) is backslash-escaped
 * (no links, emphasis, code or table breaks); a leading `#`, `>`, `-`, `+`, `=` or `1.` cannot start a
 * block; line breaks and control characters become spaces. Plain text such as `< 0.001` stays readable.
 */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownInline(text)
    .replace(/^(\s*)([#>+=-])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

/** `escapeMarkdown` for text inside a line (a table cell): no block rules, since a cell never starts a line. */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F-\u009F]+/g, " ")
    .replace(/&(?=#?\w+;)/g, "&amp;")
    .replace(/<(?=[A-Za-z/!?])/g, "&lt;")
    .replace(/[\\`*_[\]|~]/g, "\\$&");
}

/** Text from data as a Markdown code span: a fence longer than any backtick run inside, line breaks as spaces. */
export function markdownCode(text: string): string {
  const flat = text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, " ");
  const longestRun = (flat.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = "`".repeat(longestRun + 1);
  const padding = flat.startsWith("`") || flat.endsWith("`") || flat.startsWith(" ") ? " " : "";
  return `${fence}${padding}${flat}${padding}${fence}`;
}

function table(header: string[], rows: string[][]): string {
  const align = header.map((_, index) => (index === 0 ? "---" : "---:"));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header.map(escapeMarkdownInline)), line(align), ...rows.map((cells) => line(cells.map(escapeMarkdownInline)))].join("\n");
}

/** The Markdown table of every technique over one group of queries. */
export function markdownGroupTable(results: BenchmarkResults, group: QueryGroup): string {
  const { k, baseline } = results.settings;
  const header = [
    "technique",
    `nDCG@${k}`,
    `R@${k}`,
    `MRR@${k}`,
    "P@5",
    "hit@1",
    "filter acc.",
    "p50 ms",
    "p95 ms",
    "emb./q",
    "LLM/q",
    `ΔnDCG vs ${baseline}`,
    "p",
  ];
  const rows = results.techniques.map((result) => {
    const summary = result.summary[group];
    if (result.status === "failed" || summary === undefined)
      return [result.technique, "failed", "", "", "", "", "", "", "", "", "", "", ""];
    const { metrics, latencyMs } = summary;
    return [
      result.technique,
      formatMetric(metrics.ndcg),
      formatMetric(metrics.recall),
      formatMetric(metrics.mrr),
      formatMetric(metrics.precisionAt5),
      formatMetric(metrics.hitAt1),
      filterAccuracyCell(summary),
      formatMilliseconds(latencyMs.p50),
      formatMilliseconds(latencyMs.p95),
      formatPerQuery(summary.embeddingCalls.perQuery),
      formatPerQuery(summary.llmCalls.perQuery),
      ...significanceCells(result, group, baseline),
    ];
  });
  return table(header, rows);
}

/** nDCG of each technique (rows) for each query kind (columns). */
export function markdownKindMatrix(results: BenchmarkResults): string {
  const groups = results.groups;
  const header = ["technique", ...groups.map((group) => `${groupLabel(group)} (${countOf(results, group)})`)];
  const rows = results.techniques.map((result) => [
    result.technique,
    ...groups.map((group) => (result.status === "ok" ? formatMetric(result.summary[group]?.metrics.ndcg ?? Number.NaN) : "failed")),
  ]);
  return table(header, rows);
}

/** How question embeddings were obtained, for the latency note. */
export function queryCacheNote(results: BenchmarkResults): string {
  const cached = results.settings.cacheQueryEmbeddings;
  if (cached === null) return "";
  return cached
    ? "; question embeddings may come from the on-disk cache"
    : "; every technique embeds each question itself (no question-embedding cache)";
}

function countOf(results: BenchmarkResults, group: QueryGroup): number {
  return group === "all" ? results.settings.queryCount : (results.settings.kinds[group] ?? 0);
}

/**
 * The Markdown report (`results.md`): settings, one table per query group (techniques as rows), an
 * nDCG matrix of technique x kind, failures and warnings. Also printed by `retrievers bench`.
 */
export function renderMarkdownReport(results: BenchmarkResults): string {
  const { settings } = results;
  const lines: string[] = [];
  lines.push(`# Retriever benchmark`, "");
  lines.push(
    `${settings.queryCount} labeled queries (${Object.entries(settings.kinds)
      .map(([kind, count]) => `${count} ${escapeMarkdown(kind)}`)
      .join(
        ", ",
      )}) from ${markdownCode(settings.queryFile)}, over ${settings.data.documents} documents (${escapeMarkdown(settings.data.source)} data ${markdownCode(settings.data.folder)}). ` +
      `Embeddings: ${markdownCode(settings.embeddings)}. k = ${settings.k}.`,
    "",
  );
  lines.push(
    `nDCG uses linear gain and the ideal ranking of all judged documents; relevant = grade ≥ 1; ties are broken as trec_eval does (doc id descending). ` +
      `ΔnDCG and p: paired randomization test (two-sided, ${settings.permutations} permutations, seed ${settings.seed}) against ${settings.baseline}. ` +
      `Latency: median (p50) and p95 of one query at a time${settings.warmUp ? ", after warm-up (every question embedded once, uncounted, then one unmeasured query per technique)" : " (the first query includes warm-up)"}, ` +
      `on ${results.environment.cpus} CPUs (${results.environment.platform}, Node ${results.environment.node})${queryCacheNote(results)}. ` +
      `emb./q and LLM/q: embedding and language-model calls per query. filter acc.: share of queries with a gold filter whose constructed filter selects exactly the gold documents (for semantic queries: how many got a spurious filter).`,
    "",
  );
  for (const group of results.groups) {
    lines.push(`## ${groupLabel(group)} (${countOf(results, group)})`, "", markdownGroupTable(results, group), "");
  }
  lines.push(`## nDCG@${settings.k} by query kind`, "", markdownKindMatrix(results), "");
  const failed = results.techniques.filter((result) => result.status === "failed");
  if (failed.length > 0) {
    lines.push("## Failed techniques", "");
    for (const result of failed) lines.push(`- ${escapeMarkdown(result.technique)}: ${escapeMarkdown(result.error ?? "unknown error")}`);
    lines.push("");
  }
  const notes = [...results.warnings];
  for (const result of results.techniques) {
    const errors = result.queries.filter((outcome) => outcome.error !== undefined).length;
    if (errors > 0) notes.push(`${result.technique}: ${errors} queries failed and count as 0`);
    if (result.rankBasedRunScores > 0)
      notes.push(
        `${result.technique}: ${result.rankBasedRunScores} queries had scores out of rank order; rank-based scores were evaluated and written to its run file`,
      );
    if (result.duplicatesDropped > 0) notes.push(`${result.technique}: ${result.duplicatesDropped} duplicate results dropped`);
  }
  if (notes.length > 0) {
    lines.push("## Notes", "");
    for (const note of notes) lines.push(`- ${escapeMarkdown(note)}`);
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
