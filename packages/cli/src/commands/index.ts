// The registry of `xxgk` commands, in the order `xxgk --help` lists them. To add a command, write
// src/commands/<name>.ts exporting a `defineCommand({...})` and add one line below.
import type { Command } from "../command.js";
import { cellsCommand } from "./cells.js";
import { newCommand } from "./new.js";
import { validateCommand } from "./validate.js";

/** Every `xxgk` command. */
export const commands: readonly Command[] = [validateCommand, cellsCommand, newCommand];
