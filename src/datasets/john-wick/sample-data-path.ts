import { join } from "node:path";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { findPackageRoot } from "../../loaders/package-root.js";
import { SAMPLE_DATA_FOLDER } from "./resolve-data-folder.js";

/**
 * Absolute path of the synthetic John Wick sample shipped with the package (`data/sample/`), wherever
 * the package is installed: `loadJohnWickReviews(sampleDataPath())` works from any folder of an app,
 * where `loadJohnWickReviews("data/sample")` would look in the app's own folder.
 */
export function sampleDataPath(): string {
  const root = findPackageRoot();
  if (root === undefined) {
    throw new RetrieverError({
      code: ErrorCodes.NOT_FOUND,
      message:
        "cannot find the package's folder (no package.json above the library's files), so not its data/sample/ either; pass the folder yourself",
    });
  }
  return join(root, SAMPLE_DATA_FOLDER);
}
