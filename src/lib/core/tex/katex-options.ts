/**
 * The KaTeX settings of every render, in the app, the embed, handouts and tests. LaTeX here is
 * built from the trace, but names and numbers come from the user: trust stays off (no \href,
 * \url, \htmlClass), sizes and macro expansion are bounded, and errors render instead of throwing.
 * Plain data, so the core can hold it without importing KaTeX.
 */
export const KATEX_OPTIONS = { trust: false, strict: 'ignore', maxSize: 20, maxExpand: 1000, throwOnError: false } as const;
