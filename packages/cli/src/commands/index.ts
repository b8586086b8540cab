// The registry of `xxgk` commands, in the order `xxgk --help` lists them. To add a command, write
// src/commands/<name>.ts exporting a `defineCommand({...})`, then import it here and add it to the
// list: one line each.
import type { Command } from "../command.js";
import { cellsCommand } from "./cells.js";
import { importCommand } from "./import.js";
import { newCommand } from "./new.js";
import { renderCommand } from "./render.js";
import { reviewCommand } from "./review.js";
import { validateCommand } from "./validate.js";

// biome-ignore format: one command per line keeps additions to one-line, conflict-light diffs
/** Every `xxgk` command. */
export const commands: readonly Command[] = [
  validateCommand,
  cellsCommand,
  newCommand,
  renderCommand,
  importCommand,
  reviewCommand,
];
