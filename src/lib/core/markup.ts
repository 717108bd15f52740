const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value in HTML or XML. Names and titles come from user programs, so everything written goes through here. */
export function escapeMarkup(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
