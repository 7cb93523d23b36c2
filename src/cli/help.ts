import type { ParseArgsConfig } from "node:util";

type ParseArgsOption = NonNullable<ParseArgsConfig["options"]>[string];

/**
 * One flag of a command: what `node:util` parseArgs needs (`type`, `short`) plus what the help prints.
 * The parser and `--help` read the same table, so the help cannot miss a flag.
 */
export type FlagSpec = ParseArgsOption & {
  /** One line for the help. */
  description: string;
  /** Placeholder of the value in the help (`N`, `FILE`...); string flags only. @default "VALUE" */
  valueName?: string;
  /** The default as the help shows it; leave out when there is none worth printing. */
  defaultText?: string;
};

/** A command's flag table. */
export type FlagTable = Record<string, FlagSpec>;

/** What `retrievers help COMMAND` prints about a command. */
export interface CommandHelp {
  /** `query`, `data fetch`, `chroma start`... */
  name: string;
  /** One line: what it does. */
  summary: string;
  /** The argument part of the usage line, e.g. `"question"`; empty when there are none. */
  arguments: string;
  /** The flag table the command parses with. */
  flags: FlagTable;
  /** Paragraphs after the flags (notes, examples). */
  notes?: string[];
}

/** The flags every command understands, handled before the command's own parser. */
export const HELP_FLAGS = ["--help", "-h"] as const;

/** The help of one command: usage line, summary, flags with their value names and defaults, notes. */
export function renderCommandHelp(help: CommandHelp): string {
  const names = Object.keys(help.flags).sort((a, b) => a.localeCompare(b));
  const labels = names.map((name) => flagLabel(name, help.flags[name]!));
  const width = Math.min(34, Math.max(0, ...labels.map((label) => label.length)));
  const lines = [
    `Usage: retrievers ${help.name}${names.length > 0 ? " [options]" : ""}${help.arguments === "" ? "" : ` ${help.arguments}`}`,
    "",
    help.summary,
    "",
    "Options:",
  ];
  names.forEach((name, index) => {
    const flag = help.flags[name]!;
    const label = labels[index]!;
    const description = `${flag.description}${flag.defaultText === undefined ? "" : ` (default: ${flag.defaultText})`}`;
    lines.push(label.length > width ? `  ${label}\n  ${" ".repeat(width)}  ${description}` : `  ${label.padEnd(width)}  ${description}`);
  });
  lines.push(`  ${"-h, --help".padEnd(width)}  Show this help`);
  for (const note of help.notes ?? []) lines.push("", note);
  return lines.join("\n");
}

function flagLabel(name: string, flag: FlagSpec): string {
  const value = flag.type === "string" ? ` ${flag.valueName ?? "VALUE"}` : "";
  return `${flag.short === undefined ? "    " : `-${flag.short}, `}--${name}${value}`;
}
