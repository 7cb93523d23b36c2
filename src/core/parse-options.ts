import { z } from "zod/v4";
import { InvalidOptionError } from "./errors/invalid-option-error.js";

/** How `parseOptions` treats names other libraries (LangChain) use for the same options. */
export interface ParseOptionsSettings {
  /**
   * LangChain's (or another common) name → ours, for options with the same meaning: the value is moved
   * to our name before validation (`{ baseRetriever: "base" }`). Giving both spellings is an error.
   */
  aliases?: Readonly<Record<string, string>>;
  /**
   * Names that look like an option but mean something else here → the hint to show
   * (`{ searchKwargs: "give k and filter directly" }`).
   */
  rejected?: Readonly<Record<string, string>>;
}

/** Common names for our options that edit distance alone would not suggest. */
const SYNONYMS: Readonly<Record<string, string>> = Object.freeze({
  topK: "k",
  top_k: "k",
  topN: "topN",
  top_n: "topN",
  numResults: "k",
  limit: "k",
  where: "filter",
  vectorStore: "store",
  vectorstore: "store",
});

/**
 * Validates an options object against a zod schema at construction time. Unknown options are errors
 * naming the option and the closest valid one ("did you mean `base`?"). On any failure throws
 * `InvalidOptionError` naming the first offending option (dotted path, prefixed by `owner`), a short
 * rendering of the value given (never a serialized object) and what is expected.
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  owner: string,
  settings: ParseOptionsSettings = {},
): z.output<Schema> {
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
  const input = applyAliases(options, owner, settings);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // An unknown option explains the other issues best (a LangChain-shaped object also lacks our names).
  const issue =
    result.error.issues.find((candidate) => candidate.code === "unrecognized_keys" && candidate.path.length === 0) ??
    result.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    if (issue.path.length > 0) {
      // A nested object: the option is the object, the message names the unknown key.
      const container = issue.path.map(String).join(".");
      const nestedKnown = nestedKeys(schema, issue.path);
      throw new InvalidOptionError({
        option: joinPath(owner, container),
        value: readPath(input, issue.path),
        message: `\`${key}\` is not a valid key here${suggestion(key, nestedKnown)}`,
        cause: result.error,
      });
    }
    const hint = settings.rejected?.[key];
    throw new InvalidOptionError({
      option: joinPath(owner, key),
      value: readPath(input, [key]),
      message: hint ?? `is not an option${owner === "" ? "" : ` of ${owner}`}${suggestion(key, known)}`,
      cause: result.error,
    });
  }
  const path = issue?.path.map(String).join(".") ?? "";
  const value = path === "" ? input : readPath(input, issue?.path ?? []);
  throw new InvalidOptionError({
    option: joinPath(owner, path),
    value,
    message: issue?.message ?? "invalid value",
    cause: result.error,
  });
}

/** `; did you mean \`name\`?` for the closest of `candidates`, or "" when none is close. */
export function suggestion(name: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return "";
  const closest = closestName(name, candidates);
  return closest === undefined
    ? `; valid options: ${candidates.map((candidate) => `\`${candidate}\``).join(", ")}`
    : `; did you mean \`${closest}\`?`;
}

/** The candidate closest to `name` (synonyms, case, then edit distance), when close enough to be a likely typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const synonym = SYNONYMS[name];
  if (synonym !== undefined && candidates.includes(synonym)) return synonym;
  const lower = name.toLowerCase();
  const sameCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

function applyAliases(options: unknown, owner: string, settings: ParseOptionsSettings): unknown {
  const aliases = settings.aliases;
  if (aliases === undefined || typeof options !== "object" || options === null || Array.isArray(options)) return options;
  const source = options as Record<string, unknown>;
  if (!Object.keys(aliases).some((alias) => source[alias] !== undefined)) return options;
  const renamed: Record<string, unknown> = { ...source };
  for (const [alias, ours] of Object.entries(aliases)) {
    if (renamed[alias] === undefined) {
      delete renamed[alias];
      continue;
    }
    if (renamed[ours] !== undefined) {
      throw new InvalidOptionError({
        option: joinPath(owner, alias),
        value: renamed[alias],
        message: `is LangChain's name for \`${ours}\`; give one of \`${alias}\` and \`${ours}\`, not both`,
      });
    }
    renamed[ours] = renamed[alias];
    delete renamed[alias];
  }
  return renamed;
}

/** Levenshtein distance (options names are short; the table is tiny). */
function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      current.push(Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, (previous[column - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** The keys of the object schema at `path` inside `schema` (through arrays and optionals), or [] when unknown. */
export function nestedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const segment of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject) current = (current.shape as Record<string, unknown>)[String(segment)];
    else if (current instanceof z.ZodArray) current = current.element;
    else return [];
  }
  current = unwrap(current);
  return current instanceof z.ZodObject ? Object.keys(current.shape as Record<string, unknown>) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (
    let depth = 0;
    depth < 8 && (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault);
    depth += 1
  ) {
    current = (current as z.ZodOptional<z.ZodType>).unwrap();
  }
  return current;
}

function joinPath(owner: string, path: string): string {
  if (owner === "") return path;
  return path === "" ? owner : `${owner}.${path}`;
}

function readPath(value: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
