import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ErrorCodes } from "../../src/core/errors/error-codes.js";
import { RetrieverError } from "../../src/core/errors/retriever-error.js";
import type { FilterExpression } from "../../src/core/filter/filter-schema.js";
import type { Searchable, SearchOptions, SearchResult } from "../../src/core/search-retriever.js";
import { selectDocuments, type QueryExplanation } from "../../src/evaluation/filter-accuracy.js";
import { goldFilterToFilter, type LabeledQuery } from "../../src/evaluation/query-file.js";

/** A review whose text tries to run script in the HTML report. */
export const MALICIOUS_REVIEW = `<script>document.title='pwned'</script><img src=x onerror="document.body.setAttribute('data-pwned','1')">`;

/** Eight tiny John-Wick-like documents; `bad-1` carries `MALICIOUS_REVIEW`. */
export function tinyDocuments(): DocumentInterface[] {
  const rows: Array<[string, number, number, number, string, string]> = [
    ["jw1-0", 1, 9, 2015, "ann", "Stunning fight choreography and stunt work."],
    ["jw1-1", 1, 4, 2014, "bob", "The dog plot is thin; fights are fine."],
    ["jw2-0", 2, 8, 2017, "ann", "Gun-fu choreography at its best."],
    ["jw2-1", 2, 3, 2018, "cat", "Too long, the plot drags."],
    ["jw3-0", 3, 10, 2019, "dan", "Pure action ballet, the fights never stop."],
    ["jw3-1", 3, 2, 2020, "bob", "Boring, no story at all."],
    ["jw4-0", 4, 7, 2023, "eve", "Beautiful neon cinematography."],
    ["bad-1", 4, 1, 2023, "mallory", MALICIOUS_REVIEW],
  ];
  return rows.map(
    ([id, movie, rating, year, author, text]) =>
      new Document({
        id,
        pageContent: text,
        metadata: { movie, Rating: rating, review_year: year, Author: author, Movie_Title: `John Wick ${movie}` },
      }),
  );
}

/** Six labeled queries over `tinyDocuments` (2 semantic, 2 filtered, 2 filter-only). */
export function tinyQueries(): LabeledQuery[] {
  return [
    {
      id: "t1",
      query: "fight choreography",
      kind: "semantic",
      filter: null,
      relevant: { "jw1-0": 2, "jw2-0": 2, "jw3-0": 1, "jw1-1": 0 },
      note: "",
    },
    { id: "t2", query: "thin plot", kind: "semantic", filter: null, relevant: { "jw1-1": 2, "jw3-1": 2, "jw2-1": 1 }, note: "" },
    {
      id: "t3",
      query: "fights in John Wick 3 rated above 7",
      kind: "filtered",
      filter: { movie: [3], Rating: { gt: 7 } },
      relevant: { "jw3-0": 2 },
      note: "",
    },
    {
      id: "t4",
      query: "reviews by ann about choreography",
      kind: "filtered",
      filter: { Author: "ann" },
      relevant: { "jw1-0": 2, "jw2-0": 2 },
      note: "",
    },
    {
      id: "t5",
      query: "reviews from 2023",
      kind: "filter-only",
      filter: { review_year: { eq: 2023 } },
      relevant: { "jw4-0": 2, "bad-1": 2 },
      note: "",
    },
    {
      id: "t6",
      query: "reviews rated 3 or less",
      kind: "filter-only",
      filter: { Rating: { lte: 3 } },
      relevant: { "jw2-1": 2, "jw3-1": 2, "bad-1": 2 },
      note: "",
    },
  ];
}

/**
 * A self-query-like retriever for tests: `explain` returns the gold filter of known questions (except
 * those listed in `wrongFor`, which get a wrong filter) and `search` lists the filtered documents,
 * scored by shared words with the question. When a chat model is given, each search calls it once
 * (without passing a config), as an LLM query constructor would.
 */
export class StubSelfQueryRetriever implements Searchable {
  constructor(
    private readonly documents: DocumentInterface[],
    private readonly queries: LabeledQuery[],
    private readonly options: { wrongFor?: string[]; chatModel?: BaseChatModel; failFor?: string[] } = {},
  ) {}

  explain(question: string): QueryExplanation {
    const query = this.queries.find((candidate) => candidate.query === question);
    if (query === undefined || query.filter === null) return { query: question, filter: null, warnings: [] };
    const gold = goldFilterToFilter(query.filter);
    const filter: FilterExpression = this.options.wrongFor?.includes(query.id) ? { field: "movie", operator: "eq", value: 99 } : gold;
    return { query: question, filter, warnings: [] };
  }

  async search(question: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    if (this.options.failFor?.some((id) => this.queries.find((query) => query.id === id)?.query === question)) {
      throw new RetrieverError({ code: ErrorCodes.SERVICE_ERROR, message: "stub failure" });
    }
    if (this.options.chatModel !== undefined) await this.options.chatModel.invoke(`construct a query for: ${question}`);
    const { filter } = this.explain(question);
    const allowed = selectDocuments(this.documents, filter);
    const words = new Set(question.toLowerCase().match(/[a-z]+/g) ?? []);
    return this.documents
      .filter((document) => allowed.has(document.id!))
      .map((document) => ({
        document,
        score: (document.pageContent.toLowerCase().match(/[a-z]+/g) ?? []).filter((word) => words.has(word)).length,
        stage: "dense" as const,
      }))
      .sort((left, right) => right.score - left.score)
      .slice(0, options.k ?? 10);
  }
}

/** A retriever returning every document in a fixed order with the given scores (e.g. out of order, or tied). */
export class FixedRetriever implements Searchable {
  constructor(private readonly ranking: Array<{ document: DocumentInterface; score: number }>) {}
  async search(_question: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    return this.ranking.slice(0, options.k ?? 10).map(({ document, score }) => ({ document, score, stage: "dense" as const }));
  }
}
