import type { DocumentInterface } from "@langchain/core/documents";
import MiniSearch from "minisearch";
import type { Bm25IndexOptions } from "../../src/hybrid/bm25-index.js";
import { TextAnalyzer } from "../../src/hybrid/text-analyzer.js";

/**
 * `Bm25Index` used MiniSearch 7 until format version 3; its own postings must rank and score exactly
 * as MiniSearch did with the configuration below (the one `Bm25Index` passed it), to the last bit,
 * including the order of equal scores and the matched terms. MiniSearch stays a devDependency for this.
 */
export function miniSearchLike(options: Bm25IndexOptions): MiniSearch<DocumentInterface> {
  const analyzer = new TextAnalyzer({ stemming: options.stemming, stopWords: options.stopWords, minTermLength: options.minTermLength });
  const metadataFields = options.metadataFields ?? {};
  const names = Object.keys(metadataFields);
  const boost: Record<string, number> = { text: options.textBoost ?? 1 };
  for (const name of names) boost[`metadata.${name}`] = metadataFields[name] as number;
  return new MiniSearch<DocumentInterface>({
    idField: "id",
    fields: ["text", ...names.map((name) => `metadata.${name}`)],
    storeFields: [],
    autoVacuum: false,
    extractField: (document, fieldName) => {
      if (fieldName === "id") return document.id;
      if (fieldName === "text") return document.pageContent;
      const value = document.metadata[fieldName.slice("metadata.".length)];
      return typeof value === "string" || typeof value === "number" ? String(value) : Array.isArray(value) ? value.join(" ") : "";
    },
    tokenize: (text) => analyzer.tokenize(text),
    processTerm: (term) => analyzer.processTerm(term),
    searchOptions: {
      boost,
      bm25: { k: options.bm25?.k1 ?? 1.2, b: options.bm25?.b ?? 0.7, d: options.bm25?.d ?? 0.5 },
      combineWith: "OR",
      prefix: false,
      fuzzy: false,
    },
  });
}
