import { describeFilter } from "../core/filter/combine-filters.js";
import { escapeHtml } from "./escape-html.js";
import {
  filterAccuracyCell,
  formatMetric,
  formatMilliseconds,
  formatPerQuery,
  groupLabel,
  queryCacheNote,
  significanceCells,
} from "./report-markdown.js";
import { bootstrapMeanInterval, type BootstrapInterval } from "./bootstrap.js";
import { compareQueriesWithBaseline, TIE_TOLERANCE } from "./per-query-comparison.js";
import type { BenchmarkResults, QueryGroup, QueryOutcome, TechniqueResult } from "./run-benchmark.js";

/**
 * The self-contained HTML report (`report.html`): inline CSS and inline SVG charts drawn here, no
 * script, font or stylesheet from anywhere else. Every data-derived string is escaped by the `html`
 * template tag below; a strict Content-Security-Policy (no script source at all) backs that up, so
 * even a missed escape could not run script.
 */

/** The report's Content-Security-Policy: nothing may load or run except inline styles and data: images. */
export const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Markup that is already safe (built by `html`); anything else interpolated into `html` is escaped. */
class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}

/** Tagged template: literal parts are trusted markup, every interpolated value is escaped (unless it is `SafeHtml`). */
function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let output = strings[0] ?? "";
  for (const [index, value] of values.entries()) output += render(value) + (strings[index + 1] ?? "");
  return new SafeHtml(output);
}

const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

function colorOf(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}

/** A number rounded for SVG coordinates. */
function coordinate(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

function ndcgChart(results: BenchmarkResults): SafeHtml {
  const techniques = results.techniques;
  const width = 640;
  const height = 300;
  const margin = { top: 20, right: 16, bottom: 48, left: 48 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / Math.max(1, techniques.length);
  const barWidth = Math.min(72, slot * 0.6);
  const grid = [0, 0.25, 0.5, 0.75, 1].map((tick) => {
    const y = margin.top + plotHeight * (1 - tick);
    return html`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${coordinate(y)}" y2="${coordinate(y)}"/><text class="axis" x="${margin.left - 6}" y="${coordinate(y + 4)}" text-anchor="end">${tick.toFixed(2)}</text>`;
  });
  const bars = techniques.map((result, index) => {
    const value = result.status === "ok" ? (result.summary.all?.metrics.ndcg ?? 0) : 0;
    const barHeight = plotHeight * Math.max(0, Math.min(1, value));
    const x = margin.left + slot * index + (slot - barWidth) / 2;
    const y = margin.top + plotHeight - barHeight;
    const label = result.status === "ok" ? formatMetric(value) : "failed";
    return html`<g class="bar" data-technique="${result.technique}" data-value="${result.status === "ok" ? value.toFixed(6) : ""}" data-failed="${result.status === "failed"}"><title>${result.technique}: nDCG@${results.settings.k} ${label}</title><rect x="${coordinate(x)}" y="${coordinate(y)}" width="${coordinate(barWidth)}" height="${coordinate(barHeight)}" fill="${colorOf(index)}"/><text class="value" x="${coordinate(x + barWidth / 2)}" y="${coordinate(y - 5)}" text-anchor="middle">${label}</text><text class="label" x="${coordinate(x + barWidth / 2)}" y="${height - margin.bottom + 18}" text-anchor="middle">${result.technique}</text></g>`;
  });
  return html`<svg id="ndcg-chart" class="chart" role="img" aria-labelledby="ndcg-chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="ndcg-chart-title">nDCG@${results.settings.k} per technique, all queries</title>${grid}<line class="axis-line" x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}"/>${bars}</svg>`;
}

/** Resamples of the bootstrap behind the per-kind confidence intervals. */
export const REPORT_BOOTSTRAP_RESAMPLES = 2_000;

/** Mean nDCG of one technique over one group with its 95% bootstrap interval over the group's queries (null when it did not run). */
function groupInterval(results: BenchmarkResults, result: TechniqueResult, group: QueryGroup): BootstrapInterval | null {
  if (result.status !== "ok") return null;
  const values = result.queries.filter((outcome) => group === "all" || outcome.kind === group).map((outcome) => outcome.metrics.ndcg);
  if (values.length === 0) return null;
  return bootstrapMeanInterval(values, { resamples: REPORT_BOOTSTRAP_RESAMPLES, confidence: 0.95, seed: results.settings.seed });
}

function kindChart(results: BenchmarkResults): SafeHtml {
  const groups = results.groups;
  const techniques = results.techniques;
  const width = 720;
  const height = 300;
  const margin = { top: 16, right: 16, bottom: 44, left: 48 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / Math.max(1, groups.length);
  const barWidth = Math.min(28, (slot * 0.8) / Math.max(1, techniques.length));
  const yOf = (value: number) => margin.top + plotHeight * (1 - Math.max(0, Math.min(1, value)));
  const grid = [0, 0.25, 0.5, 0.75, 1].map((tick) => {
    const y = yOf(tick);
    return html`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${coordinate(y)}" y2="${coordinate(y)}"/><text class="axis" x="${margin.left - 6}" y="${coordinate(y + 4)}" text-anchor="end">${tick.toFixed(2)}</text>`;
  });
  const bars = groups.map((group, groupIndex) => {
    const start = margin.left + slot * groupIndex + (slot - barWidth * techniques.length) / 2;
    const items = techniques.map((result, index) => {
      const interval = groupInterval(results, result, group);
      const x = start + barWidth * index;
      if (interval === null) {
        return html`<g class="kind-bar" data-kind="${group}" data-technique="${result.technique}" data-failed="true"><title>${result.technique}, ${groupLabel(group)}: did not run</title></g>`;
      }
      const middle = x + (barWidth - 2) / 2;
      const cap = Math.min(4, (barWidth - 2) / 3);
      return html`<g class="kind-bar" data-kind="${group}" data-technique="${result.technique}" data-value="${interval.mean.toFixed(6)}" data-lower="${interval.lower.toFixed(6)}" data-upper="${interval.upper.toFixed(6)}"><title>${result.technique}, ${groupLabel(group)}: nDCG@${results.settings.k} ${formatMetric(interval.mean)} (95% CI ${formatMetric(interval.lower)}–${formatMetric(interval.upper)})</title><rect x="${coordinate(x)}" y="${coordinate(yOf(interval.mean))}" width="${coordinate(barWidth - 2)}" height="${coordinate(margin.top + plotHeight - yOf(interval.mean))}" fill="${colorOf(index)}"/><g class="ci"><line class="whisker" x1="${coordinate(middle)}" x2="${coordinate(middle)}" y1="${coordinate(yOf(interval.upper))}" y2="${coordinate(yOf(interval.lower))}"/><line class="whisker" x1="${coordinate(middle - cap)}" x2="${coordinate(middle + cap)}" y1="${coordinate(yOf(interval.upper))}" y2="${coordinate(yOf(interval.upper))}"/><line class="whisker" x1="${coordinate(middle - cap)}" x2="${coordinate(middle + cap)}" y1="${coordinate(yOf(interval.lower))}" y2="${coordinate(yOf(interval.lower))}"/></g></g>`;
    });
    return html`<g class="kind-group" data-kind="${group}">${items}<text class="label" x="${coordinate(margin.left + slot * groupIndex + slot / 2)}" y="${height - margin.bottom + 18}" text-anchor="middle">${groupLabel(group)}</text></g>`;
  });
  return html`<svg id="kind-chart" class="chart" role="img" aria-labelledby="kind-chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="kind-chart-title">nDCG@${results.settings.k} per query kind, with 95% bootstrap confidence intervals</title>${grid}<line class="axis-line" x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}"/>${bars}</svg>`;
}

/** Signed nDCG difference for a table cell, e.g. "+0.125", "−0.040", "±0". */
function formatDifference(difference: number): string {
  if (Math.abs(difference) <= TIE_TOLERANCE) return "±0";
  return `${difference > 0 ? "+" : "−"}${Math.abs(difference).toFixed(3)}`;
}

/** Per query: each technique's nDCG and whether it beat, lost to or tied the baseline. */
function winsAndLosses(results: BenchmarkResults): SafeHtml {
  const { baseline, k } = results.settings;
  const reference = results.techniques.find((result) => result.technique === baseline && result.status === "ok");
  if (reference === undefined) return html`<p class="muted">No per-query comparison: the baseline "${baseline}" did not run.</p>`;
  const others = results.techniques.filter((result) => result !== reference && result.status === "ok");
  const scoresOf = (result: TechniqueResult) =>
    result.queries.map((outcome) => ({ queryId: outcome.queryId, value: outcome.metrics.ndcg }));
  const comparisons = others.map((result) => ({ result, comparison: compareQueriesWithBaseline(scoresOf(reference), scoresOf(result)) }));
  const byQuery = comparisons.map(({ comparison }) => new Map(comparison.queries.map((query) => [query.queryId, query])));
  const header = html`<tr><th>query</th><th>kind</th><th>${baseline} nDCG@${k}</th>${others.map((result) => html`<th data-technique="${result.technique}">${result.technique}</th>`)}</tr>`;
  const totals = html`<tr class="totals"><th scope="row" colspan="3">wins / losses / ties vs ${baseline}</th>${comparisons.map(({ result, comparison }) => html`<td data-technique="${result.technique}" data-wins="${comparison.wins}" data-losses="${comparison.losses}" data-ties="${comparison.ties}"><span class="win">${comparison.wins}</span> / <span class="loss">${comparison.losses}</span> / ${comparison.ties}</td>`)}</tr>`;
  const rows = reference.queries.map((outcome) => {
    const cells = others.map((result, index) => {
      const query = byQuery[index]?.get(outcome.queryId);
      if (query === undefined) return html`<td data-technique="${result.technique}">–</td>`;
      return html`<td class="${query.outcome}" data-technique="${result.technique}" data-outcome="${query.outcome}" title="${result.technique}: ${formatMetric(query.candidate)} vs ${formatMetric(query.baseline)}">${formatMetric(query.candidate)} <span class="difference">${formatDifference(query.difference)}</span></td>`;
    });
    return html`<tr data-query="${outcome.queryId}"><th scope="row"><span class="query-id">${outcome.queryId}</span> <span class="query-text">${outcome.query}</span></th><td><span class="kind">${outcome.kind}</span></td><td>${formatMetric(outcome.metrics.ndcg)}</td>${cells}</tr>`;
  });
  return html`<p class="muted">Each cell: the technique's nDCG@${k} on the query and its difference from ${baseline}; green = better than ${baseline}, red = worse, plain = equal.</p><table id="wins-losses-table"><thead>${header}</thead><tbody>${rows}</tbody><tfoot>${totals}</tfoot></table>`;
}

function latencyChart(results: BenchmarkResults): SafeHtml {
  const techniques = results.techniques.filter((result) => result.status === "ok");
  const rowHeight = 28;
  const width = 640;
  const margin = { top: 10, right: 140, bottom: 10, left: 130 };
  const height = margin.top + margin.bottom + rowHeight * Math.max(1, techniques.length);
  const largest = Math.max(1e-9, ...techniques.map((result) => result.summary.all?.latencyMs.p95 ?? 0).filter(Number.isFinite));
  const scale = (width - margin.left - margin.right) / largest;
  const rows = techniques.map((result, index) => {
    const latency = result.summary.all?.latencyMs ?? { p50: 0, p95: 0 };
    const y = margin.top + rowHeight * index;
    const p50 = Number.isFinite(latency.p50) ? latency.p50 : 0;
    const p95 = Number.isFinite(latency.p95) ? latency.p95 : 0;
    const colorIndex = results.techniques.indexOf(result);
    return html`<g class="latency-bar" data-technique="${result.technique}"><text class="label" x="${margin.left - 8}" y="${y + 18}" text-anchor="end">${result.technique}</text><rect x="${margin.left}" y="${y + 6}" width="${coordinate(p50 * scale)}" height="16" fill="${colorOf(colorIndex)}"/><line class="whisker" x1="${coordinate(margin.left + p50 * scale)}" x2="${coordinate(margin.left + p95 * scale)}" y1="${y + 14}" y2="${y + 14}"/><line class="whisker" x1="${coordinate(margin.left + p95 * scale)}" x2="${coordinate(margin.left + p95 * scale)}" y1="${y + 8}" y2="${y + 20}"/><text class="value" x="${coordinate(margin.left + p95 * scale + 6)}" y="${y + 18}">${formatMilliseconds(p50)} / ${formatMilliseconds(p95)} ms</text></g>`;
  });
  return html`<svg id="latency-chart" class="chart" role="img" aria-labelledby="latency-chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="latency-chart-title">Latency per query: median bar, p95 whisker</title>${rows}</svg>`;
}

function groupTable(results: BenchmarkResults, group: QueryGroup): SafeHtml {
  const { k, baseline } = results.settings;
  const rows = results.techniques.map((result) => {
    const summary = result.summary[group];
    if (result.status === "failed" || summary === undefined) {
      return html`<tr data-technique="${result.technique}"><th scope="row">${result.technique}</th><td colspan="12" class="failed">failed</td></tr>`;
    }
    const [difference, pValue] = significanceCells(result, group, baseline);
    const { metrics, latencyMs } = summary;
    return html`<tr data-technique="${result.technique}"><th scope="row">${result.technique}</th><td>${formatMetric(metrics.ndcg)}</td><td>${formatMetric(metrics.recall)}</td><td>${formatMetric(metrics.mrr)}</td><td>${formatMetric(metrics.precisionAt5)}</td><td>${formatMetric(metrics.hitAt1)}</td><td>${filterAccuracyCell(summary)}</td><td>${formatMilliseconds(latencyMs.p50)}</td><td>${formatMilliseconds(latencyMs.p95)}</td><td>${formatPerQuery(summary.embeddingCalls.perQuery)}</td><td>${formatPerQuery(summary.llmCalls.perQuery)}</td><td>${difference}</td><td>${pValue}</td></tr>`;
  });
  const count = group === "all" ? results.settings.queryCount : (results.settings.kinds[group] ?? 0);
  return html`<section class="group" data-group="${group}"><h3>${groupLabel(group)} <span class="muted">(${count} queries)</span></h3><table><thead><tr><th>technique</th><th>nDCG@${k}</th><th>R@${k}</th><th>MRR@${k}</th><th>P@5</th><th>hit@1</th><th>filter acc.</th><th>p50 ms</th><th>p95 ms</th><th>emb./q</th><th>LLM/q</th><th>ΔnDCG vs ${baseline}</th><th>p</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function filterText(filter: QueryOutcome["constructedFilter"]): string {
  if (filter === undefined) return "";
  if (filter === null) return "no filter";
  try {
    return describeFilter(filter);
  } catch {
    return JSON.stringify(filter);
  }
}

function queryDetails(results: BenchmarkResults): SafeHtml {
  const techniques = results.techniques.filter((result) => result.status === "ok");
  const first = techniques[0];
  if (first === undefined) return html`<p>No technique ran.</p>`;
  const byTechnique = new Map<TechniqueResult, Map<string, QueryOutcome>>(
    techniques.map((result) => [result, new Map(result.queries.map((outcome) => [outcome.queryId, outcome]))]),
  );
  const items = first.queries.map((reference) => {
    const judged = results.judgments[reference.queryId] ?? {};
    const relevant = Object.values(judged).filter((grade) => grade >= 1).length;
    const rows = techniques.map((result) => {
      const outcome = byTechnique.get(result)?.get(reference.queryId);
      if (outcome === undefined) return html``;
      const top = outcome.results
        .slice(0, 5)
        .map(
          (document) =>
            html`<li class="grade-${document.grade}"><span class="doc-id">${document.id}</span> <span class="grade">grade ${document.grade}</span> <span class="score">${document.score.toPrecision(4)}</span>${document.snippet === undefined ? "" : html`<div class="snippet">${document.snippet}</div>`}</li>`,
        );
      const filter =
        outcome.filterComparison === undefined
          ? ""
          : html`<div class="filter ${outcome.filterComparison.match ? "match" : "mismatch"}">constructed filter: <code>${filterText(outcome.constructedFilter)}</code> — ${outcome.filterComparison.match ? "selects the gold documents" : `${outcome.filterComparison.missing} missing, ${outcome.filterComparison.extra} extra`}</div>`;
      return html`<tr data-technique="${result.technique}"><th scope="row">${result.technique}</th><td>${formatMetric(outcome.metrics.ndcg)}</td><td>${formatMetric(outcome.metrics.recall)}</td><td>${formatMilliseconds(outcome.latencyMs)}</td><td>${outcome.error === undefined ? "" : html`<div class="failed">${outcome.error}</div>`}${filter}<ol class="top">${top}</ol></td></tr>`;
    });
    return html`<details class="query" data-query="${reference.queryId}"><summary><span class="query-id">${reference.queryId}</span> <span class="kind">${reference.kind}</span> ${reference.query} <span class="muted">(${relevant} relevant)</span></summary><table><thead><tr><th>technique</th><th>nDCG@${results.settings.k}</th><th>R@${results.settings.k}</th><th>ms</th><th>top 5 (id, grade, score, text)</th></tr></thead><tbody>${rows}</tbody></table></details>`;
  });
  return html`${items}`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{margin:1.2rem 0 .4rem}
.muted{color:#6e6e73;font-weight:normal}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}th,td{border-bottom:1px solid #e5e5ea;padding:.3rem .5rem;text-align:right;vertical-align:top;white-space:nowrap}
.query td:last-child{white-space:normal}
th:first-child,td:first-child{text-align:left}thead th{background:#f5f5f7}
.query td:last-child{text-align:left}
.chart{max-width:100%;height:auto;display:block;margin:.5rem 0}
.chart .grid{stroke:#e5e5ea}.chart .axis-line{stroke:#999}.chart .axis,.chart .label{font-size:12px;fill:#444}.chart .value{font-size:12px;fill:#111}.chart .whisker{stroke:#333;stroke-width:1.5}
.failed{color:#b00020}.settings dt{font-weight:600}.settings dd{margin:0 0 .4rem 0}
details.query{border:1px solid #e5e5ea;border-radius:6px;margin:.4rem 0;padding:.3rem .6rem}details.query summary{cursor:pointer}
.query-id{font-family:ui-monospace,monospace;font-weight:600}.kind{background:#eef;border-radius:4px;padding:0 .3rem;font-size:12px}
ol.top{margin:.2rem 0;padding-left:1.4rem}ol.top li{margin:.15rem 0}.doc-id{font-family:ui-monospace,monospace}.grade,.score{color:#6e6e73;font-size:12px}
.grade-2 .doc-id{color:#1a7f37;font-weight:600}.grade-1 .doc-id{color:#7d6a00}.snippet{color:#333;font-size:13px;white-space:pre-wrap;overflow-wrap:anywhere}
.filter{font-size:12px}.filter.match{color:#1a7f37}.filter.mismatch{color:#b00020}
#wins-losses-table td.win{background:#e6f4ea;color:#1a7f37}#wins-losses-table td.loss{background:#fdecea;color:#b00020}#wins-losses-table .difference{font-size:12px}
#wins-losses-table th .query-text{font-weight:normal;white-space:normal}#wins-losses-table th:first-child{white-space:normal;max-width:28rem}.totals .win{color:#1a7f37;font-weight:600}.totals .loss{color:#b00020;font-weight:600}
.legend span{display:inline-block;margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
`;

/** Renders the HTML report. Pure: same results, same page. */
export function renderHtmlReport(results: BenchmarkResults): string {
  const { settings, environment } = results;
  const legend = results.techniques.map(
    (result, index) => html`<span><i class="swatch" style="background:${colorOf(index)}"></i>${result.technique}</span>`,
  );
  const failed = results.techniques.filter((result) => result.status === "failed");
  const notes = [
    ...results.warnings,
    ...failed.map((result) => `${result.technique} failed: ${result.error ?? "unknown error"}`),
    ...results.techniques
      .filter((result) => result.rankBasedRunScores > 0)
      .map(
        (result) =>
          `${result.technique}: ${result.rankBasedRunScores} queries evaluated with rank-based scores (its scores did not follow its order)`,
      ),
  ];
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${new SafeHtml(REPORT_CONTENT_SECURITY_POLICY)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Retriever benchmark report</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header>
<h1>Retriever benchmark</h1>
<p class="muted">${settings.queryCount} labeled queries · ${settings.data.documents} documents · k = ${settings.k} · ${results.createdAt}</p>
</header>
<section id="settings"><h2>Settings</h2><dl class="settings">
<dt>Queries</dt><dd>${settings.queryFile} (${Object.entries(settings.kinds)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ")})</dd>
<dt>Data</dt><dd>${settings.data.folder} (${settings.data.source}, ${settings.data.documents} documents)</dd>
<dt>Embeddings</dt><dd>${settings.embeddings}</dd>
<dt>Metrics</dt><dd>nDCG with linear gain and the ideal ranking of all judged documents; relevant = grade ≥ 1; score ties ordered as trec_eval orders them (doc id descending). Paired randomization test of nDCG@${settings.k} against ${settings.baseline}: two-sided, ${settings.permutations} permutations, seed ${settings.seed}.</dd>
<dt>Latency</dt><dd>One query at a time${settings.warmUp ? ", after warm-up (every question embedded once, uncounted, then one unmeasured query per technique)" : "; the first query of each technique includes warm-up"}. ${environment.cpus} CPUs, ${environment.platform}, Node ${environment.node}${queryCacheNote(results)}.</dd>
</dl></section>
<section id="overview"><h2>nDCG@${settings.k} per technique</h2>
<p class="legend">${legend}</p>
${ndcgChart(results)}
<h2>nDCG@${settings.k} per query kind</h2>
<p class="muted">Bars: mean nDCG@${settings.k} of each technique over the queries of each kind; whiskers: 95% confidence interval, percentile bootstrap over those queries (${REPORT_BOOTSTRAP_RESAMPLES} resamples, seed ${settings.seed}).</p>
${kindChart(results)}
<h2>Latency</h2>
${latencyChart(results)}
</section>
<section id="tables"><h2>Results by query kind</h2>
${results.groups.map((group) => groupTable(results, group))}
</section>
${notes.length === 0 ? "" : html`<section id="notes"><h2>Notes</h2><ul>${notes.map((note) => html`<li>${note}</li>`)}</ul></section>`}
<section id="wins-losses"><h2>Wins and losses per query against ${settings.baseline}</h2>
${winsAndLosses(results)}
</section>
<section id="queries"><h2>Per query</h2>
${queryDetails(results)}
</section>
</body>
</html>
`;
  return page.value;
}
