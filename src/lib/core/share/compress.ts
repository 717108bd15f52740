/**
 * Program text ↔ a short URL-safe string: deflate-raw through the platform's CompressionStream
 * (browsers and Node 18+), then base64url, so a whole MLP fits in a link.
 */

/** A link is data from anyone: refuse to inflate past this, so a tiny link cannot become a huge program. */
export const MAX_PROGRAM_CHARS = 1_000_000;

/**
 * The last program compressed: every step rewrites the link (step=), and the program in it
 * only changes when the text does, so a step must not deflate a 1 MB program again.
 */
let last: { readonly text: string; readonly code: Promise<string> } | undefined;

export function compressText(text: string): Promise<string> {
	if (last?.text === text) return last.code;
	const code = deflateToBase64Url(text);
	last = { text, code };
	// A failure is not kept: the next write tries again.
	code.catch(() => {
		if (last?.code === code) last = undefined;
	});
	return code;
}

async function deflateToBase64Url(text: string): Promise<string> {
	const bytes = new TextEncoder().encode(text);
	const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
	return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/** undefined when the string is not one we wrote (bad base64, bad deflate data, or too large). */
export async function decompressText(code: string): Promise<string | undefined> {
	const bytes = fromBase64Url(code);
	if (!bytes) return undefined;
	try {
		const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
		const reader = stream.getReader();
		const parts: Uint8Array[] = [];
		let total = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			total += value.length;
			if (total > MAX_PROGRAM_CHARS * 4) {
				await reader.cancel();
				return undefined;
			}
			parts.push(value);
		}
		const all = new Uint8Array(total);
		let at = 0;
		for (const p of parts) {
			all.set(p, at);
			at += p.length;
		}
		const text = new TextDecoder('utf-8', { fatal: true }).decode(all);
		return text.length > MAX_PROGRAM_CHARS ? undefined : text;
	} catch {
		return undefined;
	}
}

function toBase64Url(bytes: Uint8Array): string {
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array<ArrayBuffer> | undefined {
	if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
	const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
	try {
		const bin = atob(b64);
		return Uint8Array.from(bin, (c) => c.charCodeAt(0));
	} catch {
		return undefined;
	}
}
