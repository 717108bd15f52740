import { withNewValues } from '../practice/problems.ts';
import type { Trace } from '../trace/build.ts';
import type { Granularity } from '../trace/steps.ts';
import type { Blanks } from './blanks.ts';
import { buildHandout, DEFAULT_TITLE, type Handout } from './model.ts';

/**
 * A class set: one worksheet per student, each the same program with its own numbers (drawn
 * from the student's seed, so a reprint gives every student the same sheet again), and one
 * key with every student's answers for the instructor.
 */
export interface Student {
	readonly name: string;
	readonly seed: number;
}

export interface StudentSheet {
	readonly student: Student;
	readonly program: string;
	readonly trace: Trace;
	/** The student's copy: blanks, no answers. */
	readonly handout: Handout;
}

const MAX_STUDENTS = 500;

/** `1-30` or `3,5,9-12`: seeds, in the order given; undefined if it does not read as seeds. */
export function parseSeeds(text: string): number[] | undefined {
	const out: number[] = [];
	for (const part of text.split(',')) {
		const m = /^\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?$/.exec(part);
		if (!m) return undefined;
		const a = Number(m[1]);
		const b = m[2] === undefined ? a : Number(m[2]);
		if (b < a || out.length + b - a + 1 > MAX_STUDENTS) return undefined;
		for (let s = a; s <= b; s++) if (!out.includes(s)) out.push(s);
	}
	return out;
}

/** Students named by their seed: "seed 7". */
export function seedStudents(seeds: readonly number[]): Student[] {
	return seeds.map((seed) => ({ name: `seed ${seed}`, seed }));
}

/**
 * FNV-1a of the name: a student's seed depends on the name alone, so adding a late student to
 * the roster changes nobody else's sheet.
 */
function nameSeed(name: string): number {
	let h = 0x811c9dc5;
	for (const ch of name.normalize('NFC')) {
		h ^= ch.codePointAt(0)!;
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** One name a line; blank lines and `#` comments are skipped; a repeated name is one student. */
export function parseRoster(text: string): Student[] {
	const names = text
		.split(/\r?\n/)
		.map((l) => l.replace(/#.*$/, '').trim())
		.filter((l) => l !== '');
	return [...new Set(names)].slice(0, MAX_STUDENTS).map((name) => ({ name, seed: nameSeed(name) }));
}

export interface ClassSetOptions {
	readonly blanks: Blanks;
	readonly sig?: number;
	readonly title?: string;
	readonly granularity?: Granularity | 'auto';
}

export type ClassSet = { readonly ok: true; readonly sheets: StudentSheet[] } | { readonly ok: false; readonly message: string };

/** Every student's sheet; fails (with a reason) when the program has no leaf values to vary. */
export function classSet(program: string, students: readonly Student[], opts: ClassSetOptions): ClassSet {
	if (students.length === 0) return { ok: false, message: 'the class set has no students' };
	const sheets: StudentSheet[] = [];
	for (const student of students) {
		const p = withNewValues(program, student.seed);
		if (!p) return { ok: false, message: `no fair new numbers for ${student.name}: the program needs leaf values (x = 2) to vary` };
		const base = opts.title?.trim() || DEFAULT_TITLE;
		const h = buildHandout(p.trace, { sig: opts.sig, blanks: opts.blanks, title: `${base} — ${student.name}`, granularity: opts.granularity });
		sheets.push({ student, program: p.program, trace: p.trace, handout: { ...h, key: false } });
	}
	return { ok: true, sheets };
}
