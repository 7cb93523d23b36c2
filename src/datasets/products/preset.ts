import { join, resolve } from "node:path";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { findPackageRoot } from "../../loaders/package-root.js";
import { readDatasetFile } from "../dataset-file/read-dataset-file.js";
import type { DatasetPreset } from "../preset.js";

/** The bundled product catalog's dataset file, relative to the package root. */
export const PRODUCTS_DATASET_FILE = join("data", "products", "dataset.json");

/** The second bundled domain: about 80 invented consumer-electronics products (`data/products/`). */
export const PRODUCTS_PRESET: DatasetPreset = {
  name: "products",
  description: "A bundled catalog of about 80 invented consumer-electronics products (data/products/)",
  async open(options = {}) {
    const root = findPackageRoot();
    if (root === undefined)
      throw new RetrieverError({
        code: ErrorCodes.NOT_FOUND,
        message: "cannot find the package root holding data/products/; pass --dataset data/products/dataset.json",
      });
    return await readDatasetFile(
      join(root, PRODUCTS_DATASET_FILE),
      options.data === undefined ? {} : { dataOverride: resolve(options.cwd ?? process.cwd(), options.data) },
    );
  },
};
