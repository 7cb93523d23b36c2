// The John Wick preset's names in the library's main entry (src/index.ts): the preset, its loader and
// checksummed fetch, and its attribute schema (both kept for compatibility with earlier versions).
export { JOHN_WICK_PRESET, johnWickDataset } from "./preset.js";
export { loadJohnWickReviews } from "./load-reviews.js";
export { sampleDataPath } from "./sample-data-path.js";
export { fetchJohnWickDataset } from "./fetch-dataset.js";
export { johnWickAttributes } from "./attributes.js";
