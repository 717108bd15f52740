/**
 * `a = b = c = d` as an aligned column, one form per row: on a slide a long chain-rule line
 * must stay large, and a column of short rows is easier to follow than one row that shrinks.
 * Only `=` outside every brace group splits, so fractions and subscripts stay whole.
 */
export function stackEquals(tex: string): string {
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < tex.length; i++) {
		const c = tex[i];
		if (c === '\\') i++;
		else if (c === '{') depth++;
		else if (c === '}') depth--;
		else if (depth === 0 && tex.startsWith(' = ', i)) {
			parts.push(tex.slice(start, i));
			start = i + 3;
			i += 2;
		}
	}
	parts.push(tex.slice(start));
	if (parts.length <= 2) return tex;
	return `\\begin{aligned}${parts[0]} &= ${parts.slice(1).join(' \\\\ &= ')}\\end{aligned}`;
}
