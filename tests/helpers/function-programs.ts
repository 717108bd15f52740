import { callable, FUNCTION_NAMES, type CallableOp } from '../../src/lib/core/ops/registry.ts';
import { domainSample } from './op-samples.ts';
import { mulberry32 } from './random.ts';

/**
 * Programs that call each function of the registry the ways its expansion allows (a scalar, a
 * vector, a scalar broadcast, a matrix), with inputs from the op's domain: the registry loop of the
 * whole pipeline. `[label, program]`.
 */
export function functionPrograms(): [string, string][] {
	const out: [string, string][] = [];
	FUNCTION_NAMES.forEach((name, k) => {
		const c = callable(name)!;
		if (c.kind !== 'op') return;
		const spec: CallableOp = c.spec;
		const rand = mulberry32(4242 + 31 * k);
		const num = (x: number) => String(+x.toFixed(3));
		const vec = (n: number) => `[${Array.from(domainSample(spec, rand, n), num).join(', ')}]`;
		const one = () => num(domainSample(spec, rand, 1)[0]);
		switch (spec.fn.expand) {
			case 'map': {
				const n = spec.arity.kind === 'fixed' ? spec.arity.n : 1;
				const names = ['a', 'b', 'c', 'd'].slice(0, n);
				out.push([`${name} of scalars`, `${names.map((v) => `${v} = ${one()}`).join('\n')}\nf = ${name}(${names.join(', ')})\n`]);
				// The first argument a vector, any others scalars that broadcast.
				out.push([
					`${name} of a vector`,
					`v = ${vec(3)}\n${names.slice(1).map((v) => `${v} = ${one()}`).join('\n')}\nu = ${name}(${['v', ...names.slice(1)].join(', ')})\nL = sum(u * [1, -2, 0.5])\n`
				]);
				break;
			}
			case 'reduce':
				out.push([`${name} of a vector`, `v = ${vec(3)}\ns = ${name}(v)\nL = s * s\n`]);
				if (spec.fn.needs !== 'vector') out.push([`${name} of a matrix`, `M = [${vec(2)}, ${vec(2)}]\ns = ${name}(M)\nL = s * s\n`]);
				break;
			case 'vector':
				out.push([`${name} of a vector`, `z = ${vec(3)}\np = ${name}(z)\nL = sum(p * [1, -2, 0.5])\n`]);
				break;
			case 'pairs':
				out.push([`${name} of two vectors`, `a = ${vec(3)}\nb = ${vec(3)}\ns = ${name}(a, b)\nL = s * s\n`]);
				break;
		}
	});
	return out;
}
