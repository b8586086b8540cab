// The column order a table's header gives when it is written as lines (text copies): the column labels
// above the rows, in reading order, set against the official header tree — so that a copy whose header
// names 科研机构 before 商业企业 is read as it says. Readers that see cells map values by the header
// cell above them instead (grid-rows.ts); both hand the placement a HeaderOrder.
import type { CellDef } from "@xxgk/core-model";
import { LabelIndex } from "../_labels.js";
import type { SourcePosition } from "../types.js";
import type { HeaderOrder } from "./place.js";

/** A node of a row's official header tree: a group (`法人或其他组织`) or a column (a leaf). */
interface HeadNode {
  readonly label: string;
  readonly children: HeadNode[];
  /** A leaf's official column index. */
  readonly column: number;
}

interface Tree {
  readonly root: HeadNode;
  readonly labels: LabelIndex<string>;
}

const signatures = new WeakMap<readonly CellDef[], string>();

/** What identifies a row's columns: their label paths, in order (the rows of a table share them). */
export function columnsSignature(defs: readonly CellDef[]): string {
  let sig = signatures.get(defs);
  if (sig === undefined) {
    sig = defs.map((d) => d.colLabels.join("\u0001")).join("\u0002");
    signatures.set(defs, sig);
  }
  return sig;
}

const trees = new Map<string, Tree>();

/** The official header over a row's columns, from their label paths (`申请人情况 / 法人或其他组织 / 商业企业`). */
function treeOf(defs: readonly CellDef[]): Tree {
  let tree = trees.get(columnsSignature(defs));
  if (tree) return tree;
  const root: HeadNode = { label: "", children: [], column: -1 };
  defs.forEach((d, column) => {
    let node = root;
    d.colLabels.forEach((label, depth) => {
      const leaf = depth === d.colLabels.length - 1;
      let next = leaf ? undefined : node.children.find((c) => c.label === label && c.column < 0);
      if (!next) {
        next = { label, children: [], column: leaf ? column : -1 };
        node.children.push(next);
      }
      node = next;
    });
  });
  const all = new Set<string>();
  const walk = [root];
  for (let n = walk.pop(); n; n = walk.pop()) {
    for (const c of n.children) {
      all.add(c.label);
      walk.push(c);
    }
  }
  tree = { root, labels: new LabelIndex([...all].map((label) => ({ label, item: label }))) };
  trees.set(columnsSignature(defs), tree);
  return tree;
}

/** A label as written above the rows, and where. */
export interface WrittenHead {
  readonly text: string;
  readonly pos: SourcePosition;
}

/**
 * The order the written column labels give a row's columns, or `null` when they do not name every
 * column exactly once. The labels come row by row, left to right, as a table's header rows read: each
 * group's columns follow it, on a later line, in the order of the groups (a group left unnamed, such as
 * a missing `行政诉讼`, is taken as named where its columns appear). Labels that name no column of the
 * row (the corner note, `信息内容`) are passed over.
 */
export function headerOrder(heads: readonly WrittenHead[], defs: readonly CellDef[]): HeaderOrder | null {
  const { root, labels } = treeOf(defs);
  // Groups whose columns are still to come, in the order they were named.
  const waiting: { node: HeadNode; taken: Set<HeadNode>; order: HeadNode[] }[] = [];
  const frames = new Map<HeadNode, (typeof waiting)[number]>();
  const open = (node: HeadNode) => {
    const f = { node, taken: new Set<HeadNode>(), order: [] as HeadNode[] };
    waiting.push(f);
    frames.set(node, f);
    return f;
  };
  open(root);
  const at: (SourcePosition | undefined)[] = [];
  const take = (f: (typeof waiting)[number], child: HeadNode, pos: SourcePosition) => {
    f.taken.add(child);
    f.order.push(child);
    if (child.column >= 0) at[child.column] = pos;
    else open(child);
  };
  for (const h of heads) {
    const label = labels.match(h.text)?.label;
    if (label === undefined) continue;
    let placed = false;
    for (const f of waiting) {
      const child = f.node.children.find((c) => c.label === label && !f.taken.has(c));
      if (child) {
        take(f, child, h.pos);
        placed = true;
        break;
      }
    }
    if (placed) continue;
    // A group the header did not name: its first column named stands for it.
    for (const f of waiting) {
      const group = f.node.children.find(
        (g) => g.column < 0 && !f.taken.has(g) && g.children.some((c) => c.label === label),
      );
      if (!group) continue;
      take(f, group, h.pos);
      const inner = frames.get(group)!;
      take(inner, group.children.find((c) => c.label === label)!, h.pos);
      placed = true;
      break;
    }
    if (!placed) return null;
  }
  const order: number[] = [];
  const visit: HeadNode[] = [root];
  for (let n = visit.pop(); n; n = visit.pop()) {
    if (n.column >= 0) {
      order.push(n.column);
      continue;
    }
    const f = frames.get(n);
    if (!f || f.order.length !== n.children.length) return null;
    for (let i = f.order.length - 1; i >= 0; i--) visit.push(f.order[i]!);
  }
  return order.length === defs.length ? { order, at } : null;
}

/**
 * The column labels a text copy writes above a table's rows, collected as they come; a label after a
 * row starts a new header (a header repeated after a page break, the next sub-table's).
 */
export class WrittenHeader {
  #heads: WrittenHead[] = [];
  #read = false;
  // By the columns' signature: the rows of one header share its order (the placement weighs them together).
  #orders = new Map<string, HeaderOrder | null>();

  /** A column label above the rows. */
  add(text: string, pos: SourcePosition): void {
    if (this.#read) this.reset();
    this.#heads.push({ text, pos });
  }

  /** A new table or sub-table: the labels so far were another's. */
  reset(): void {
    this.#heads = [];
    this.#read = false;
    this.#orders = new Map();
  }

  /** The order the header gives a row with these columns; `undefined` when it names them not all, once. */
  orderOf(defs: readonly CellDef[]): HeaderOrder | undefined {
    this.#read = true;
    if (this.#heads.length === 0) return undefined;
    const sig = columnsSignature(defs);
    let order = this.#orders.get(sig);
    if (order === undefined) {
      order = headerOrder(this.#heads, defs);
      this.#orders.set(sig, order);
    }
    return order ?? undefined;
  }
}
