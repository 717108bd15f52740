/**
 * The handout page's own stylesheet. No `@page size`: the reader's print dialog picks A4 or
 * Letter and the content follows the page width. Each pass starts a new page; headings stay
 * with what follows them and table rows are never split across pages.
 */
export const HANDOUT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; font: 11pt/1.45 "Latin Modern Roman", "Computer Modern", Georgia, "Times New Roman", serif; color: #111; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; margin: 1.2rem 0 .5rem; border-bottom: 1px solid #999; padding-bottom: .15rem; }
h3 { font-size: 1.05rem; margin: .8rem 0 .3rem; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: .35rem 0; }
.meta { color: #333; }
.worksheet-note { font-weight: bold; border: 1px solid #777; padding: .4rem .6rem; }
pre.program { font: 10pt/1.35 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f4f4f4; border: 1px solid #ccc; padding: .6rem .8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
figure.graph { margin: .6rem 0; text-align: center; break-inside: avoid; }
/* Pieces are cut to print at least 7 pt at the page's width (graph-print.ts): never shrink them by height. */
figure.graph svg { max-width: 100%; height: auto; }
.graph-note { font-size: .9rem; font-style: italic; color: #333; }
figure.graph figcaption { font-size: .9rem; color: #333; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: .4rem 0 1rem; font-size: 10pt; }
thead { display: table-header-group; }
th, td { text-align: left; vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
th { border-bottom: 1.5px solid #444; font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.k, th.k { width: 2.6rem; text-align: right; color: #444; }
td.node, th.node { width: 5.5rem; }
td.num, th.num { text-align: right; }
.forward col.value { width: 22%; }
.backward col.locals { width: 27%; }
.backward col.gradient { width: 16%; }
.group .forward col.value { width: 34%; }
.group .backward col.gradient { width: 36%; }
.note { display: block; font-size: .85rem; font-style: italic; color: #333; margin-top: .15rem; }
/* An assignment's inner quantities: indented sub-rows under it, one rule between assignments. */
tr.link td { border-bottom: 1px dotted #ccc; padding-top: .15rem; padding-bottom: .15rem; }
tr.link td:nth-child(3) { padding-left: 1.2rem; border-left: 2px solid #bbb; }
.link-words, .vector-caption { display: block; font-size: .85rem; font-style: italic; color: #333; }
.vector-caption { margin-top: .35rem; }
.eq { display: block; }
.eq + .eq { margin-top: .2rem; }
.katex { font-size: 1.05em; }
.katex-display { margin: .3rem 0; overflow-x: auto; overflow-y: hidden; }
.pass, .answers { break-before: page; page-break-before: always; }
.inputs { margin-bottom: .6rem; }
.inputs .item { display: inline-block; margin-right: 1.4rem; }
@media print {
  @page { margin: 14mm 13mm; }
  body { max-width: none; padding: 0; }
  .katex-display { overflow: visible; }
  pre.program { break-inside: avoid; }
}
`;
