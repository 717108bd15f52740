import { run } from '../../../src/lib/core/program.ts';
import type { Trace } from '../../../src/lib/core/trace/build.ts';
import { exampleById } from '../../../src/lib/examples/examples.ts';

export function traceOf(source: string): Trace {
	const r = run(source);
	if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
	return r.trace;
}

export function exampleTrace(id: string): Trace {
	const ex = exampleById(id);
	if (!ex) throw new Error(`no example ${id}`);
	return traceOf(ex.program);
}

/** Node id of a label ("q", "W1[1,0]", "v3"). */
export function nodeNamed(t: Trace, label: string): number {
	for (let i = 0; i < t.graph.size; i++) if (t.label(i) === label) return i;
	throw new Error(`no node ${label}`);
}

/**
 * A small XML well-formedness check (no parser is installed): tags balance, attributes are
 * quoted, and text and attribute values hold no raw `<` and no `&` outside an entity.
 */
export function xmlProblems(xml: string): string[] {
	const problems: string[] = [];
	const stack: string[] = [];
	const entity = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
	const checkText = (s: string, where: string) => {
		if (s.includes('<')) problems.push(`raw < in ${where}: ${s.slice(0, 40)}`);
		if (s.replace(entity, '').includes('&')) problems.push(`bare & in ${where}: ${s.slice(0, 40)}`);
	};
	let at = 0;
	const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/y;
	while (at < xml.length) {
		const lt = xml.indexOf('<', at);
		const textEnd = lt < 0 ? xml.length : lt;
		checkText(xml.slice(at, textEnd), 'text');
		if (lt < 0) break;
		if (xml.startsWith('<!--', lt)) {
			const end = xml.indexOf('-->', lt);
			if (end < 0) return [...problems, 'unclosed comment'];
			at = end + 3;
			continue;
		}
		tag.lastIndex = lt;
		const m = tag.exec(xml);
		if (!m) return [...problems, `bad tag at ${lt}: ${xml.slice(lt, lt + 60)}`];
		const [, close, name, attrs, selfClose] = m;
		for (const a of attrs.matchAll(/="([^"]*)"/g)) checkText(a[1], `attribute of <${name}>`);
		if (close) {
			const open = stack.pop();
			if (open !== name) problems.push(`</${name}> closes <${open}>`);
		} else if (!selfClose) stack.push(name);
		at = tag.lastIndex;
	}
	if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
	return problems;
}
