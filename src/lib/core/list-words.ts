/** Names as words; a long list (a value read by thousands of nodes) shows its first three and a count. */
export function listWords(items: readonly string[]): string {
	if (items.length <= 2) return items.join(' and ');
	if (items.length > 5) return `${items.slice(0, 3).join(', ')}, … (${items.length} in all)`;
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
