// Types of _covers.mjs.

/** Row-level diagnostics: they point at the row's first cell and speak for the whole row. */
export declare const ROW_CODES: ReadonlySet<string>;

/** Whether diagnostic `d` speaks for the cell at `pointer`: its own, its row's, or its whole table's. */
export declare function covers(
  d: { readonly code: string; readonly pointer?: string | undefined },
  pointer: string,
): boolean;
