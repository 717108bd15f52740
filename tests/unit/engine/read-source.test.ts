import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/cli/cli-errors';
import { decodeSource, detectEncoding } from '../../../src/cli/read-source';

/** The program text the CLI reads, whatever encoding and line endings an editor saved it in. */
const PROG = 'x = 3\n# σ(z), ŷ\nf = x^2\n';
// Independent encoders: Node's Buffer for UTF-16, and UTF-32 spelled out code point by code point.
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const utf32 = (s: string, le: boolean) =>
	Buffer.concat(
		Array.from(s, (c) => {
			const b = Buffer.alloc(4);
			if (le) b.writeUInt32LE(c.codePointAt(0) ?? 0);
			else b.writeUInt32BE(c.codePointAt(0) ?? 0);
			return b;
		})
	);
const bom = (bytes: number[], body: Buffer) => Buffer.concat([Buffer.from(bytes), body]);

describe('decodeSource', () => {
	it.each([
		['UTF-8', Buffer.from(PROG), 'utf-8'],
		['UTF-8 with BOM', bom([0xef, 0xbb, 0xbf], Buffer.from(PROG)), 'utf-8'],
		['UTF-16 LE, BOM', bom([0xff, 0xfe], utf16le(PROG)), 'utf-16le'],
		['UTF-16 LE', utf16le(PROG), 'utf-16le'],
		['UTF-16 BE, BOM', bom([0xfe, 0xff], utf16be(PROG)), 'utf-16be'],
		['UTF-16 BE', utf16be(PROG), 'utf-16be'],
		['UTF-32 LE, BOM', bom([0xff, 0xfe, 0, 0], utf32(PROG, true)), 'utf-32le'],
		['UTF-32 LE', utf32(PROG, true), 'utf-32le'],
		['UTF-32 BE, BOM', bom([0, 0, 0xfe, 0xff], utf32(PROG, false)), 'utf-32be'],
		['UTF-32 BE', utf32(PROG, false), 'utf-32be'],
		['CR LF', Buffer.from(PROG.replace(/\n/g, '\r\n')), 'utf-8'],
		['lone CR', Buffer.from(PROG.replace(/\n/g, '\r')), 'utf-8'],
		['UTF-16 LE with CR LF', utf16le(PROG.replace(/\n/g, '\r\n')), 'utf-16le']
	])('%s gives the program, lines ending in \\n', (_what, bytes, encoding) => {
		expect(detectEncoding(bytes).encoding).toBe(encoding);
		expect(decodeSource(bytes, 'p.txt')).toBe(PROG);
	});

	it.each([
		['NUL in UTF-8', Buffer.from('x = 1\n\0\n'), /NUL bytes \(line 2\)/],
		['Latin-1 ü', Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x31, 0x0a, 0xfc, 0x0a]), /not UTF-8 text \(line 2/],
		['odd-length UTF-16', bom([0xff, 0xfe], Buffer.from([0x78, 0, 0x3d])), /UTF-16 .*odd number of bytes/],
		['a lone surrogate in UTF-16', bom([0xff, 0xfe], Buffer.from([0x00, 0xd8, 0x78, 0x00])), /not valid UTF-16/],
		['UTF-32 past U+10FFFF', bom([0xff, 0xfe, 0, 0], Buffer.from([0, 0, 0x11, 0])), /not valid UTF-32/]
	])('%s: refused with a message', (_what, bytes, msg) => {
		expect(() => decodeSource(bytes, 'p.txt')).toThrow(InputError);
		expect(() => decodeSource(bytes, 'p.txt')).toThrow(msg);
	});
});
