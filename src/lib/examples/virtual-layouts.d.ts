declare module 'virtual:chainstep-example-layouts' {
	/** The built-in examples' default layouts by LayoutCache.key (examples/layouts-plugin.ts). */
	const layouts: Readonly<Record<string, import('../core/layout/types').GraphLayout>>;
	export default layouts;
}
