export {
  MemoryStore,
  DEFAULT_FILTER_CACHE_SIZE,
  DEFAULT_FILTER_PACKING_RATIO,
  DEFAULT_INITIAL_CAPACITY,
  MINIMUM_PACKED_ROWS,
  GATHER_MAXIMUM_FRACTION,
  PACK_AFTER_USES,
  MAXIMUM_DIMENSION,
  MAXIMUM_K,
  type MemorySearchOptions,
  type MemoryStoreOptions,
} from "./memory-store.js";
export { KERNEL_NAMES, type KernelChoice, type KernelName } from "./vector-matrix.js";
export { isWasmSimdAvailable } from "./wasm-vector-matrix.js";
export { INDEX_FORMAT_VERSION, INDEX_FILE_MAGIC } from "./index-file.js";
export type { MemoryStoreLoadOptions, MemoryStoreSaveOptions } from "./memory-store.js";
