export {
  listDocstoreKeys,
  isDocstore,
  isComparingDocstore,
  type Docstore,
  type ComparingDocstore,
  type StoredContentComparison,
} from "./docstore.js";
export { InMemoryDocstore, type InMemoryDocstoreOptions } from "./in-memory-docstore.js";
export { FileDocstore, DOCSTORE_FORMAT_NAME, DOCSTORE_FORMAT_VERSION, type FileDocstoreOptions } from "./file-docstore.js";
