import type { Dataset } from "./dataset.js";

/** Options of `DatasetPreset.open`. */
export interface OpenPresetOptions {
  /** Where the documents are read from instead of the preset's default location (a folder or file). @default the preset's own */
  data?: string;
  /** Working folder relative paths are resolved against. @default process.cwd() */
  cwd?: string;
}

/** A progress line of a download, for command-line output. */
export interface PresetFetchProgress {
  url: string;
  status: "already-present" | "downloading" | "retrying" | "saved";
  attempt?: number;
  delayMs?: number;
  reason?: string;
}

/** Options of `DatasetPreset.fetch`. */
export interface PresetFetchOptions {
  /** Folder the files are saved in. @default the preset's download folder under the working folder */
  targetFolder?: string;
  /** Base URL of the remote files. @default the preset's */
  baseUrl?: string;
  /** Reject files whose checksum differs. @default true */
  verifyChecksums?: boolean;
  onProgress?: (progress: PresetFetchProgress) => void;
}

/** What a download did. */
export interface PresetFetchResult {
  folder: string;
  files: Array<{ path: string; bytes: number; sha256: string; status: "downloaded" | "already-present" }>;
}

/** A named, bundled dataset (one folder under `src/datasets/`). */
export interface DatasetPreset {
  /** The name `--dataset NAME` and `{"dataset": NAME}` use. */
  readonly name: string;
  readonly description: string;
  /** Opens the dataset (resolving where its files are); errors name the path and the fix. */
  open(options?: OpenPresetOptions): Promise<Dataset>;
  /** True when `folder` holds this preset's files, so `--data FOLDER` alone picks the preset. */
  recognizes?(folder: string): Promise<boolean>;
  /** Downloads the full data (`retrievers data fetch --dataset NAME`), verifying checksums. */
  fetch?(options?: PresetFetchOptions): Promise<PresetFetchResult>;
}
