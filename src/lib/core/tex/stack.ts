/**
 * `a = b = c = d` as an aligned column, one form per row: on a slide a long chain-rule line
 * must stay large, and a column of short rows is easier to follow than one row that shrinks.
 * Only `=` outside every brace group splits, so fractions and subscripts stay whole.
 */
export function stackEquals(tex: string, opts: { readonly splitProducts?: boolean } = {}): string {
	const parts = topLevelSplit(tex, ' = ');
	if (parts.length <= 2 && !(opts.splitProducts && parts.length === 2)) return tex;
	const rows = parts.slice(1).map((form) => (opts.splitProducts ? factorRows(form) : [form]));
	return `\\begin{aligned}${parts[0]} ${rows.map((r) => `&= ${r.join(' \\\\ &\\qquad ')}`).join(' \\\\ ')}\\end{aligned}`;
}

/** `tex` cut at every `sep` outside every brace group (a backslash escapes the next character). */
function topLevelSplit(tex: string, sep: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < tex.length; i++) {
		const c = tex[i];
		if (c === '\\') i++;
		else if (c === '{') depth++;
		else if (c === '}') depth--;
		else if (depth === 0 && tex.startsWith(sep, i)) {
			parts.push(tex.slice(start, i));
			start = i + sep.length;
			i += sep.length - 1;
		}
	}
	parts.push(tex.slice(start));
	return parts;
}

/**
 * A form too wide for one row even at the smallest readable size, as rows: a sum a term a row
 * (`+ term`), and a chain-rule product of fractions a factor a row (`\cdot factor`), so present
 * mode keeps every number on the slide instead of scrolling.
 */
function factorRows(form: string): string[] {
	const terms = topLevelSplit(form, ' + ');
	return terms.flatMap((term, k) => {
		const factors = fractions(term);
		const rows = factors.length >= 2 ? [factors[0], ...factors.slice(1).map((f) => `\\cdot ${f}`)] : [term];
		return k === 0 ? rows : [`+ ${rows[0]}`, ...rows.slice(1)];
	});
}

/** The `\frac{…}{…}` groups a term is made of, in order; [] when it is anything else. */
function fractions(term: string): string[] {
	const out: string[] = [];
	let i = 0;
	const group = (at: number): number => {
		if (term[at] !== '{') return -1;
		let depth = 0;
		for (let j = at; j < term.length; j++) {
			if (term[j] === '\\') j++;
			else if (term[j] === '{') depth++;
			else if (term[j] === '}' && --depth === 0) return j + 1;
		}
		return -1;
	};
	while (i < term.length) {
		while (term.startsWith(' ', i) || term.startsWith('\\,', i)) i += term[i] === ' ' ? 1 : 2;
		if (i >= term.length) break;
		if (!term.startsWith('\\frac', i)) return [];
		const a = group(i + 5);
		const b = a < 0 ? -1 : group(a);
		if (b < 0) return [];
		out.push(term.slice(i, b));
		i = b;
	}
	return out;
}
