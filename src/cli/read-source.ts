import { grouped } from '../lib/core/grouped.ts';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { errnoCode, InputError, ioReason, IoError, UsageError } from './cli-errors.ts';

/**
 * The most a program file (or standard input) may hold. The page takes links of up to a million
 * characters; 4 MiB is that in UTF-8 with room to spare. Reading stops one byte past it, so
 * `trace - < /dev/zero` ends at once instead of filling memory.
 */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/**
 * A program's text from FILE, or standard input for `-`: at most MAX_SOURCE_BYTES, decoded
 * (UTF-8, or UTF-16 / UTF-32 as Windows editors and PowerShell's `>` write them), line endings
 * made `\n` (CR LF and a lone CR too, as the page reads them).
 */
export function readSource(file: string): string {
	const name = file === '-' ? 'standard input' : file;
	return decodeSource(readBounded(file, name), name);
}

function readBounded(file: string, name: string): Uint8Array {
	let fd = 0;
	if (file !== '-') {
		try {
			fd = openSync(file, 'r');
		} catch (e) {
			const code = errnoCode(e);
			if (code === 'ENOENT') throw new UsageError(`No such file: ${file}`);
			throw new IoError(`Cannot read ${file}: ${ioReason(code)}.`);
		}
	}
	try {
		if (fstatSync(fd).isDirectory()) throw new IoError(`Cannot read ${name}: ${ioReason('EISDIR')}.`);
		const buf = Buffer.allocUnsafe(MAX_SOURCE_BYTES + 1);
		let n = 0;
		while (n < buf.length) {
			let k: number;
			try {
				k = readSync(fd, buf, n, buf.length - n, null);
			} catch (e) {
				const code = errnoCode(e);
				// A non-blocking standard input (a terminal or pipe set so by the parent) has no data yet.
				if (code === 'EAGAIN') {
					Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
					continue;
				}
				if (code === 'EOF') break;
				throw new IoError(`Cannot read ${name}: ${ioReason(code)}.`);
			}
			if (k === 0) break;
			n += k;
		}
		if (n > MAX_SOURCE_BYTES)
			throw new InputError(`${name} is larger than the 4 MiB (${grouped(MAX_SOURCE_BYTES)} bytes) a program may have; is it the program's text file?`);
		return buf.subarray(0, n);
	} finally {
		if (fd !== 0) closeSync(fd);
	}
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The encoding by its byte-order mark, or for a file without one by where its zero bytes fall. */
export function detectEncoding(b: Uint8Array): { encoding: Encoding; bom: number } {
	if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
	if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', bom: 4 };
	if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', bom: 4 };
	if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
	if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
	// A program is mostly ASCII: in UTF-16 every other byte is then zero, in UTF-32 three of four.
	const n = Math.min(b.length, 4096) & ~3;
	if (n >= 4) {
		const zeros = [0, 0, 0, 0];
		for (let i = 0; i < n; i++) if (b[i] === 0) zeros[i & 3]++;
		// Of `of` positions, most (three in four) or few (one in ten) hold a zero byte.
		const most = (z: number, of: number) => z >= of * 0.75;
		const few = (z: number, of: number) => z <= of * 0.1;
		const q = n / 4;
		if (b.length % 4 === 0 && few(zeros[0], q) && most(zeros[1], q) && most(zeros[2], q) && most(zeros[3], q)) return { encoding: 'utf-32le', bom: 0 };
		if (b.length % 4 === 0 && most(zeros[0], q) && most(zeros[1], q) && most(zeros[2], q) && few(zeros[3], q)) return { encoding: 'utf-32be', bom: 0 };
		const even = zeros[0] + zeros[2];
		const odd = zeros[1] + zeros[3];
		if (b.length % 2 === 0 && few(even, 2 * q) && most(odd, 2 * q)) return { encoding: 'utf-16le', bom: 0 };
		if (b.length % 2 === 0 && most(even, 2 * q) && few(odd, 2 * q)) return { encoding: 'utf-16be', bom: 0 };
	}
	return { encoding: 'utf-8', bom: 0 };
}

/** Bytes to program text; text that no program can be (binary, not UTF-8) is refused with a message saying so. */
export function decodeSource(bytes: Uint8Array, name: string): string {
	const { encoding, bom } = detectEncoding(bytes);
	const body = bytes.subarray(bom);
	let text: string;
	switch (encoding) {
		case 'utf-8':
			try {
				text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
			} catch {
				const line = new TextDecoder('utf-8').decode(body).split('\n').findIndex((l) => l.includes('\uFFFD')) + 1;
				throw new InputError(`${name} is not UTF-8 text (line ${line} has a byte UTF-8 does not allow; a Latin-1 file, or a binary one?): save it as UTF-8.`);
			}
			break;
		case 'utf-16le':
		case 'utf-16be':
			text = decodeUtf16(body, encoding === 'utf-16be', name);
			break;
		case 'utf-32le':
		case 'utf-32be':
			text = decodeUtf32(body, encoding === 'utf-32be', name);
			break;
	}
	const nul = text.indexOf('\0');
	if (nul >= 0) {
		const line = text.slice(0, nul).split(/\r\n?|\n/).length;
		throw new InputError(`${name} holds NUL bytes (line ${line}): it looks like a binary file, not a program's text.`);
	}
	return text.replace(/\r\n?/g, '\n');
}

function decodeUtf16(b: Uint8Array, bigEndian: boolean, name: string): string {
	if (b.length % 2 !== 0) throw new InputError(`${name} looks like UTF-16 but has an odd number of bytes: save it as UTF-8.`);
	const le = bigEndian ? Buffer.from(b).swap16() : b;
	try {
		return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(le);
	} catch {
		throw new InputError(`${name} looks like UTF-16 but is not valid UTF-16: save it as UTF-8.`);
	}
}

function decodeUtf32(b: Uint8Array, bigEndian: boolean, name: string): string {
	if (b.length % 4 !== 0) throw new InputError(`${name} looks like UTF-32 but its length is not a multiple of 4 bytes: save it as UTF-8.`);
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const parts: string[] = [];
	for (let i = 0; i < b.length; i += 4) {
		const cp = view.getUint32(i, !bigEndian);
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new InputError(`${name} looks like UTF-32 but is not valid UTF-32: save it as UTF-8.`);
		parts.push(String.fromCodePoint(cp));
	}
	return parts.join('');
}
