// The embed page ships no SvelteKit JavaScript: it is plain HTML plus the classic
// chainstep-element.js script, so it also works from file:// where module scripts are refused.
export const csr = false;
