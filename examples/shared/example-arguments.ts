import { parseArgs } from "node:util";

/** The reference article's two questions. */
export const GENERAL_QUESTION = "Did people generally like John Wick?";
export const FILTERED_QUESTION = "Make a summary of the reviews that talk about John Wick 3 and have a score higher than 7";

/**
 * The command line of an example: `npx tsx examples/<name>.ts [--dataset NAME|FILE] [--data PATH] ["question"]`.
 * They can also come from RETRIEVERS_DATASET and RETRIEVERS_DATA; without either, the library's
 * default (the John Wick reviews: data/john-wick/ when fetched, else the bundled sample), e.g.
 * `npx tsx examples/self-query.ts --dataset products "laptops under $1000"`.
 */
export function exampleArguments(defaultQuestion: string): { question: string; data: string | undefined; dataset: string | undefined } {
  const { values, positionals } = parseArgs({ options: { data: { type: "string" }, dataset: { type: "string" } }, allowPositionals: true });
  const data = values.data ?? (process.env.RETRIEVERS_DATA?.trim() || undefined);
  const dataset = values.dataset ?? (process.env.RETRIEVERS_DATASET?.trim() || undefined);
  const question = positionals.join(" ").trim() || defaultQuestion;
  return { question, data, dataset };
}
