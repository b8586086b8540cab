/**
 * Node-only entry: reads the bundled fonts (the `@expo-google-fonts` packages this package depends on),
 * and finds the office's own fonts — 方正小标宋, 仿宋_GB2312, 黑体, 楷体_GB2312 — in font folders.
 */
import { open, readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { extname, join } from "node:path";
import { readNames } from "./_glyphs.js";
import { PdfRenderError } from "./errors.js";
import {
  bundledFonts,
  FONT_ROLES,
  type FontRole,
  type FontSource,
  type PdfFonts,
  withOfficeFonts,
} from "./fonts.js";

const require = createRequire(import.meta.url);

/** Paths of the bundled TTF files: Noto Serif SC Regular and Bold, Noto Sans SC Regular. */
export function nodeFontPaths(): { serif: string; serifBold: string; sans: string } {
  return {
    serif: require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf"),
    serifBold: require.resolve("@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf"),
    sans: require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  };
}

/** A font file the office has, for a role: its path and the face inside a collection. */
export interface OfficeFont {
  readonly file: string;
  /** The face's PostScript name inside a `.ttc` (absent for a TTF/OTF). */
  readonly face?: string;
}

/** Where to find the office's fonts. */
export interface NodeFontOptions {
  /** Folders to search (recursively) for fonts whose names say their role. */
  readonly fontDirs?: readonly string[];
  /** Also search the system's font folders ({@link systemFontDirs}). */
  readonly systemFonts?: boolean;
  /** A file per role, winning over what the folders hold: `path` or `path#Face Name` for a collection. */
  readonly roles?: Partial<Record<FontRole, string>>;
}

/**
 * The names each role's fonts go by, best first (compared without case, spaces, `_` or `-`): the
 * office's own faces, then the generic style family (a 宋/明 face for the title, 黑 for 一级标题, 楷 for
 * 二级标题). The body takes only a 仿宋: a body in another style would not be a 公文, so without one it
 * keeps the bundled face.
 */
export const ROLE_NAMES: Readonly<Record<FontRole, readonly string[]>> = {
  title: [
    "方正小标宋简体",
    "方正小标宋",
    "FZXiaoBiaoSong",
    "小标宋",
    "XiaoBiaoSong",
    "宋体",
    "SimSun",
    "Songti",
    "STSong",
    "Song",
    "Ming",
  ],
  body: ["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋", "Fang Song"],
  heading1: ["黑体", "SimHei", "方正黑体", "FZHeiTi", "Heiti", "STHeiti", "Hei"],
  heading2: ["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体", "Kai"],
};

const norm = (s: string) => s.replace(/[\s_-]/g, "").toLowerCase();
/** A face meant for Simplified Chinese wins over its HK/TW siblings in a collection. */
const SIMPLIFIED = /(?:\bcn\b|gb|\bsc\b|简)/i;
const MONO = /mono|sharp/i;

/** The system's font folders: fontconfig's usual Linux folders, Windows' and macOS's. */
export function systemFontDirs(): string[] {
  const home = homedir();
  if (process.platform === "win32") {
    const win = process.env.WINDIR ?? "C:\\Windows";
    const local = process.env.LOCALAPPDATA;
    return [join(win, "Fonts"), ...(local ? [join(local, "Microsoft", "Windows", "Fonts")] : [])];
  }
  if (process.platform === "darwin") {
    return ["/System/Library/Fonts", "/Library/Fonts", join(home, "Library", "Fonts")];
  }
  return [
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    join(home, ".local", "share", "fonts"),
    join(home, ".fonts"),
  ];
}

const FONT_FILE = /^\.(?:ttf|otf|ttc)$/i;

/** Font files under `dir`, recursively (a folder that cannot be read is skipped). */
async function fontFiles(dir: string, depth = 0): Promise<string[]> {
  if (depth > 6) return [];
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await fontFiles(path, depth + 1)));
    else if (FONT_FILE.test(extname(e.name))) out.push(path);
  }
  return out;
}

/** The faces of a font file and their names, read without loading the whole file (fonts are 10–20 MB). */
async function facesOfFile(path: string): Promise<Array<{ postscriptName: string; names: string[] }>> {
  const handle = await open(path, "r");
  try {
    const read = async (at: number, length: number) => {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, at);
      return new DataView(buf.buffer, buf.byteOffset, bytesRead);
    };
    const head = await read(0, 12);
    if (head.byteLength < 12) return [];
    const signature = String.fromCharCode(
      head.getUint8(0),
      head.getUint8(1),
      head.getUint8(2),
      head.getUint8(3),
    );
    let offsets = [0];
    if (signature === "ttcf") {
      const n = Math.min(head.getUint32(8), 64);
      const list = await read(12, n * 4);
      offsets = Array.from({ length: Math.floor(list.byteLength / 4) }, (_, i) => list.getUint32(i * 4));
    }
    const faces: Array<{ postscriptName: string; names: string[] }> = [];
    for (const at of offsets) {
      const dir = await read(at, 12);
      const tables = dir.getUint16(4);
      const records = await read(at + 12, tables * 16);
      for (let i = 0; i < tables; i++) {
        const rec = i * 16;
        if (records.getUint32(rec) !== 0x6e616d65) continue; // 'name'
        const name = await read(records.getUint32(rec + 8), records.getUint32(rec + 12));
        const { names, postscript } = readNames(name, 0);
        faces.push({ postscriptName: postscript, names });
      }
    }
    return faces;
  } finally {
    await handle.close();
  }
}

/**
 * The office's fonts found in `dirs`, by role: for each role the face whose names match the best entry
 * of {@link ROLE_NAMES} (a Simplified Chinese face of a collection first, then the shorter name). Files
 * that are not fonts, or are damaged, are skipped.
 */
export async function findOfficeFonts(
  dirs: readonly string[],
): Promise<Partial<Record<FontRole, OfficeFont>>> {
  const best = new Map<FontRole, { rank: number; font: OfficeFont }>();
  for (const dir of dirs) {
    for (const file of await fontFiles(dir)) {
      let faces: Array<{ postscriptName: string; names: string[] }>;
      try {
        faces = await facesOfFile(file);
      } catch {
        continue;
      }
      const collection = faces.length > 1 || /\.ttc$/i.test(file);
      for (const face of faces) {
        const names = face.names.map(norm);
        for (const role of FONT_ROLES) {
          const i = ROLE_NAMES[role].findIndex((want) => names.some((n) => n.includes(norm(want))));
          if (i < 0) continue;
          const shortest = Math.min(...face.names.map((n) => n.length));
          const rank =
            i * 1000 +
            (face.names.some((n) => SIMPLIFIED.test(n)) ? 0 : 200) +
            (face.names.some((n) => MONO.test(n)) ? 100 : 0) +
            Math.min(shortest, 99);
          const prev = best.get(role);
          if (prev === undefined || rank < prev.rank) {
            best.set(role, { rank, font: collection ? { file, face: face.postscriptName } : { file } });
          }
        }
      }
    }
  }
  return Object.fromEntries([...best].map(([role, { font }]) => [role, font]));
}

const fileCache = new Map<string, Promise<Uint8Array>>();

/** A file's bytes, read once per process (a view, not a copy: copying 25 MB costs ~0.1 s). */
function bytesOf(path: string): Promise<Uint8Array> {
  let p = fileCache.get(path);
  if (p === undefined) {
    p = readFile(path).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    p.catch(() => fileCache.delete(path));
    fileCache.set(path, p);
  }
  return p;
}

/** `path#Face` → the file and the face. */
function splitFace(spec: string): OfficeFont {
  const hash = spec.lastIndexOf("#");
  return hash > 0 ? { file: spec.slice(0, hash), face: spec.slice(hash + 1) } : { file: spec };
}

/**
 * The fonts for `renderPdf`: the bundled faces, read once per process (about 40 MB) and shared by later
 * calls, with the office's own fonts in front of them for the roles `options` finds a font for.
 */
export async function loadNodeFonts(options: NodeFontOptions = {}): Promise<PdfFonts> {
  const paths = nodeFontPaths();
  let bundled: PdfFonts;
  try {
    const [serif, serifBold, sans] = await Promise.all([
      bytesOf(paths.serif),
      bytesOf(paths.serifBold),
      bytesOf(paths.sans),
    ]);
    bundled = bundledFonts({ serif, serifBold, sans });
  } catch (e) {
    throw new PdfRenderError(
      "font.unreadable",
      `cannot read the bundled fonts (${paths.serif}): reinstall @xxgk/render-pdf`,
      {
        cause: e,
      },
    );
  }
  const dirs = [...(options.fontDirs ?? []), ...(options.systemFonts ? systemFontDirs() : [])];
  const found: Partial<Record<FontRole, OfficeFont>> = dirs.length > 0 ? await findOfficeFonts(dirs) : {};
  for (const [role, spec] of Object.entries(options.roles ?? {}) as Array<[FontRole, string]>)
    found[role] = splitFace(spec);
  const office: Partial<Record<FontRole, FontSource>> = {};
  for (const [role, font] of Object.entries(found) as Array<[FontRole, OfficeFont]>) {
    try {
      const data = await bytesOf(font.file);
      office[role] = { data, file: font.file, ...(font.face === undefined ? {} : { face: font.face }) };
    } catch (e) {
      throw new PdfRenderError("font.unreadable", `cannot read the font ${font.file} for the ${role} role`, {
        cause: e,
      });
    }
  }
  return withOfficeFonts(bundled, office);
}
