import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { DocumentInterface } from "@langchain/core/documents";
import { JOHN_WICK_EXAMPLES, JOHN_WICK_FILTER_ONLY_ORDER, johnWickAttributes } from "./attributes.js";
import { fingerprintDefinition, formatCell, type Dataset, type DatasetField, type DisplayColumn } from "../dataset.js";
import type { DatasetPreset, PresetFetchOptions, PresetFetchResult } from "../preset.js";
import { DEFAULT_DATASET_BASE_URL, fetchJohnWickDataset } from "./fetch-dataset.js";
import { JOHN_WICK_FILE_PATTERN, JOHN_WICK_METADATA_FIELDS, loadJohnWickReviews } from "./load-reviews.js";
import { DOWNLOADED_DATA_FOLDER, resolveDataFolder } from "./resolve-data-folder.js";

/** The name of the John Wick preset (`--dataset john-wick`), the default dataset. */
export const JOHN_WICK_DATASET_ID = "john-wick";

/** Name of the labeled query file looked for in a John Wick data folder. */
export const JOHN_WICK_QUERY_FILE_NAME = "queries.jsonl";

/** Short gold-filter keys of the John Wick query files and the metadata fields they stand for. */
export const JOHN_WICK_GOLD_FILTER_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  movie: "movie",
  rating: "Rating",
  year: "review_year",
  author: "Author",
});

/** Table columns: the film number and the rating (in parentheses when the reviewer gave none). */
export const JOHN_WICK_DISPLAY_COLUMNS: readonly DisplayColumn[] = Object.freeze([
  { header: "film", width: 4, align: "right" as const, value: (metadata: Readonly<Record<string, unknown>>) => formatCell(metadata.movie) },
  {
    header: "rating",
    width: 6,
    align: "right" as const,
    value: (metadata: Readonly<Record<string, unknown>>) =>
      metadata.Rating === undefined ? "" : metadata.rating_missing === true ? `(${String(metadata.Rating)})` : String(metadata.Rating),
  },
]);

const METADATA_FIELDS: readonly DatasetField[] = JOHN_WICK_METADATA_FIELDS.map((field) => ({
  name: field.name,
  type: field.name === "movie" ? "enum" : field.name === "review_day" ? "date" : field.type,
  description: field.description,
}));

/** The John Wick review dataset in `folder` (a folder of `john_wick_<n>.csv`). */
export function johnWickDataset(folder: string): Dataset {
  const queryFile = join(folder, JOHN_WICK_QUERY_FILE_NAME);
  return {
    id: JOHN_WICK_DATASET_ID,
    description: "IMDB user reviews of the four John Wick films, one CSV per film",
    location: folder,
    origin: "preset",
    idField: null,
    contentFields: ["Review"],
    metadataFields: METADATA_FIELDS,
    attributes: johnWickAttributes(),
    displayColumns: JOHN_WICK_DISPLAY_COLUMNS,
    filterOnlyOrder: JOHN_WICK_FILTER_ONLY_ORDER,
    queryExamples: JOHN_WICK_EXAMPLES,
    goldFilterFields: JOHN_WICK_GOLD_FILTER_FIELDS,
    ...(existsSync(queryFile) ? { queryFile } : {}),
    fingerprint: fingerprintDefinition({ preset: JOHN_WICK_DATASET_ID, version: 1 }),
    load: async (options = {}): Promise<DocumentInterface[]> =>
      await loadJohnWickReviews(folder, options.includeTitle === undefined ? {} : { includeTitle: options.includeTitle }),
  };
}

/** The John Wick preset: `--data DIR` of review files, else data/john-wick/, else the bundled sample. */
export const JOHN_WICK_PRESET: DatasetPreset = {
  name: JOHN_WICK_DATASET_ID,
  description: "IMDB reviews of the John Wick films (data/john-wick/ after `retrievers data fetch`, else the bundled sample)",
  async open(options = {}) {
    const resolved = await resolveDataFolder({
      ...(options.data === undefined ? {} : { explicit: options.data }),
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    return johnWickDataset(resolved.folder);
  },
  async recognizes(folder) {
    try {
      return (await readdir(folder)).some((name) => JOHN_WICK_FILE_PATTERN.test(name));
    } catch {
      return false;
    }
  },
  async fetch(options: PresetFetchOptions = {}): Promise<PresetFetchResult> {
    const result = await fetchJohnWickDataset({
      targetFolder: resolve(options.targetFolder ?? DOWNLOADED_DATA_FOLDER),
      baseUrl: options.baseUrl ?? DEFAULT_DATASET_BASE_URL,
      ...(options.verifyChecksums === undefined ? {} : { verifyChecksums: options.verifyChecksums }),
      ...(options.onProgress === undefined
        ? {}
        : {
            onProgress: ({ url, status, attempt, delayMs, reason }) =>
              options.onProgress?.({
                url,
                status,
                ...(attempt === undefined ? {} : { attempt }),
                ...(delayMs === undefined ? {} : { delayMs }),
                ...(reason === undefined ? {} : { reason }),
              }),
          }),
    });
    return { folder: result.folder, files: result.files.map(({ path, bytes, sha256, status }) => ({ path, bytes, sha256, status })) };
  },
};
