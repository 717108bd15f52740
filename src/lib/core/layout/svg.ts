import { assertNever } from '../language/ast.ts';
import { escapeMarkup } from '../markup.ts';
import { PALETTES, type Palette, type SvgTheme } from './palette.ts';
import type { Scene, SceneEdge, SceneNode, SceneText, VisualState } from './scene.ts';

export type { SvgTheme };

export interface SvgOptions {
	readonly theme: SvgTheme;
	readonly title?: string;
	/** The part of the drawing to show (a slide follows the step on a graph too big to read whole); default all of it. */
	readonly crop?: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

const num = (v: number) => String(Math.round(v * 10) / 10);
export const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

function textEl(t: SceneText, attrs: string): string {
	return `<text x="${num(t.x)}" y="${num(t.y)}" text-anchor="${t.anchor}" ${attrs}>${escapeMarkup(t.text)}</text>`;
}

function strokeOf(p: Palette, s: VisualState): string {
	switch (s) {
		case 'current':
			return p.current;
		case 'read':
			return p.read;
		case 'done':
			return p.edge;
		case 'muted':
			return p.muted;
		default:
			return assertNever(s);
	}
}

function edgeSvg(e: SceneEdge, p: Palette): string {
	const stroke = strokeOf(p, e.state);
	const width = e.state === 'current' ? 2.6 : 1.4;
	const dash = e.state === 'muted' ? ' stroke-dasharray="4 3"' : '';
	// A halo in the background colour keeps wire texts readable where they cross other wires.
	const halo = `paint-order="stroke" stroke="${p.bg}" stroke-width="3" stroke-linejoin="round"`;
	const parts = [`<path d="${e.path}" fill="none" stroke="${stroke}" stroke-width="${width}"${dash} marker-end="url(#cs-arrow-${e.state})"/>`];
	if (e.value) parts.push(textEl(e.value, `class="cs-value" fill="${p.value}" font-size="11" ${halo}`));
	if (e.grad) parts.push(textEl(e.grad, `class="cs-grad" fill="${p.grad}" font-size="11" font-style="italic" ${halo}`));
	return `<g class="cs-edge cs-${e.state}">${parts.join('')}</g>`;
}

function fillOf(n: SceneNode, p: Palette): string {
	if (n.state === 'muted') return p.bg;
	if (n.target.kind === 'box') return p.box;
	if (n.isOutput) return p.output;
	return n.isLeaf ? p.leaf : p.node;
}

function nodeSvg(n: SceneNode, p: Palette): string {
	const stroke = n.nonFinite ? p.bad : n.state === 'muted' ? p.muted : n.state === 'done' ? p.fg : strokeOf(p, n.state);
	const width = n.state === 'current' ? 3 : n.target.kind === 'box' ? 2 : 1.2;
	const dash = n.state === 'read' || n.nonFinite ? ' stroke-dasharray="5 3"' : '';
	const fg = n.state === 'muted' ? p.muted : p.fg;
	const parts: string[] = [];
	// Not colour alone: the current node also gets an outer ring and a ▼ marker above it.
	if (n.state === 'current') {
		parts.push(`<rect x="${num(n.x - 4)}" y="${num(n.y - 4)}" width="${num(n.width + 8)}" height="${num(n.height + 8)}" rx="9" fill="none" stroke="${p.current}" stroke-width="1.2"/>`);
		parts.push(`<path d="M${num(n.x + 6)} ${num(n.y - 16)} l12 0 l-6 9 z" fill="${p.current}"/>`);
	}
	parts.push(`<rect x="${num(n.x)}" y="${num(n.y)}" width="${num(n.width)}" height="${num(n.height)}" rx="${n.isConst ? 12 : 6}" fill="${fillOf(n, p)}" stroke="${stroke}" stroke-width="${width}"${dash}/>`);
	if (n.target.kind === 'box') parts.push(`<rect x="${num(n.x + 3)}" y="${num(n.y + 3)}" width="${num(n.width - 6)}" height="${num(n.height - 6)}" rx="4" fill="none" stroke="${stroke}" stroke-width="0.6"/>`);
	parts.push(textEl(n.label, `class="cs-label" fill="${fg}" font-size="13" font-weight="bold"`));
	if (n.detail) parts.push(textEl(n.detail, `class="cs-detail" fill="${fg}" font-size="10.5" opacity="0.75"`));
	if (n.value) parts.push(textEl(n.value, `class="cs-value" fill="${p.value}" font-size="11.5"`));
	if (n.grad) parts.push(textEl(n.grad, `class="cs-grad" fill="${p.grad}" font-size="11.5" font-style="italic"`));
	if (n.nonFinite) parts.push(`<text x="${num(n.x + n.width - 4)}" y="${num(n.y + n.height - 5)}" text-anchor="end" fill="${p.bad}" font-size="12">⚠</text>`);
	return `<g class="cs-node cs-${n.state}" data-id="${escapeMarkup(n.id)}"><title>${escapeMarkup(n.aria)}</title>${parts.join('')}</g>`;
}

const STATES: readonly VisualState[] = ['current', 'read', 'done', 'muted'];

/** A standalone SVG of one step, for exports and the CLI. Reads only the scene. */
export function sceneToSvg(scene: Scene, options: SvgOptions): string {
	const p = PALETTES[options.theme];
	const c = options.crop ?? { x: 0, y: 0, width: scene.width, height: scene.height };
	const w = num(Math.max(1, c.width));
	const h = num(Math.max(1, c.height));
	const markers = STATES.map(
		(s) => `<marker id="cs-arrow-${s}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${strokeOf(p, s)}"/></marker>`
	).join('');
	const title = options.title === undefined ? '' : `<title>${escapeMarkup(options.title)}</title>`;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="${num(c.x)} ${num(c.y)} ${w} ${h}" role="img" font-family="${escapeMarkup(MONO)}">`,
		title,
		`<defs>${markers}</defs>`,
		`<rect x="${num(c.x)}" y="${num(c.y)}" width="${w}" height="${h}" fill="${p.bg}"/>`,
		...scene.edges.map((e) => edgeSvg(e, p)),
		...scene.nodes.map((n) => nodeSvg(n, p)),
		'</svg>'
	].join('\n');
}
