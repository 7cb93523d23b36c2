import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../../core/errors/error-codes.js";
import { RetrieverError } from "../../core/errors/retriever-error.js";
import { findPackageRoot } from "../../loaders/package-root.js";
import { resolveDataFolder } from "./resolve-data-folder.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "resolve-data-folder-test-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function workingFolder(name: string, reviewFiles: number[]): Promise<string> {
  const cwd = join(root, name);
  await mkdir(join(cwd, "data", "john-wick"), { recursive: true });
  for (const movie of reviewFiles) await writeFile(join(cwd, "data", "john-wick", `john_wick_${movie}.csv`), "x");
  return cwd;
}

async function resolveError(options: Parameters<typeof resolveDataFolder>[0]): Promise<RetrieverError> {
  const error = await resolveDataFolder(options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(RetrieverError.isInstance(error), `expected a RetrieverError, got ${String(error)}`).toBe(true);
  return error as RetrieverError;
}

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

describe("findPackageRoot", () => {
  it("walks up from this module to the folder holding package.json", () => {
    expect(join(findPackageRoot() ?? "", "/")).toBe(repositoryRoot);
    expect(join(findPackageRoot(join(repositoryRoot, "src", "loaders")) ?? "", "/")).toBe(repositoryRoot);
  });
});

describe("resolveDataFolder", () => {
  it("uses an explicit folder, relative to cwd", async () => {
    const cwd = await workingFolder("explicit", [1, 2, 3, 4]);
    await mkdir(join(cwd, "mine"));
    expect(await resolveDataFolder({ explicit: "mine", cwd })).toEqual({ folder: join(cwd, "mine"), source: "explicit" });
  });

  it("rejects an explicit folder that does not exist, as NOT_FOUND", async () => {
    const error = await resolveError({ explicit: "nowhere", cwd: root });
    expect(error.code).toBe(ErrorCodes.NOT_FOUND);
  });

  it("rejects an explicit path that is a file, as NOT_FOUND", async () => {
    await writeFile(join(root, "a-file.csv"), "x");
    const error = await resolveError({ explicit: "a-file.csv", cwd: root });
    expect(error.code).toBe(ErrorCodes.NOT_FOUND);
  });

  it("prefers data/john-wick/ under cwd when it holds all four files", async () => {
    const cwd = await workingFolder("downloaded", [1, 2, 3, 4]);
    expect(await resolveDataFolder({ cwd })).toEqual({ folder: join(cwd, "data", "john-wick"), source: "downloaded" });
  });

  it("rejects a partial data/john-wick/, naming the missing files", async () => {
    const cwd = await workingFolder("partial", [1, 2]);
    const error = await resolveError({ cwd });
    expect(error.code).toBe(ErrorCodes.NOT_FOUND);
    expect(error.message).toContain("john_wick_3.csv");
  });

  it("falls back to the bundled sample of the package", async () => {
    const cwd = await workingFolder("empty", []);
    expect(await resolveDataFolder({ cwd })).toEqual({ folder: join(repositoryRoot, "data", "sample"), source: "sample" });
  });

  it("reports NOT_FOUND when there is no sample either", async () => {
    const error = await resolveError({ cwd: root, packageRoot: join(root, "no-package") });
    expect(error.code).toBe(ErrorCodes.NOT_FOUND);
  });
});
