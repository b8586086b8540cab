// The part of `linebreak` (the Unicode line-breaking algorithm pdfmake uses) that _lines.ts calls.
declare module "linebreak" {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
