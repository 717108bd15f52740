// A static site: every page is prerendered, and the client takes over from there.
export const prerender = true;
export const trailingSlash = 'ignore';
