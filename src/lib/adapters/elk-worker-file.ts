/**
 * ELK's worker script, at this name at the root of the build and of the dev server
 * (elk-worker-plugin.ts puts it there): src/app.html starts it by this name, adapters/elk.ts
 * takes that worker or starts one.
 */
export const ELK_WORKER_FILE = 'elk-worker.min.js';

/** The id of the worker's own warm-up answer: elk-api ignores ids it did not send. */
export const ELK_WARM_ID = 'chainstep-warm';

/**
 * Appended to elkjs's worker: it lays out a two-node graph as soon as its code has loaded.
 * ELK's first layout pays for compiling its code (100+ ms); paid before the page has even asked,
 * with no round trip through the page's busy main thread, the first real layout costs what a
 * warm one does. elkjs's worker reads its messages in `self.onmessage`, set as it loads.
 */
export function elkSelfWarm(): string {
	const graph = {
		id: 'warm',
		layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.edgeRouting': 'ORTHOGONAL' },
		children: [
			{ id: 'a', width: 40, height: 30 },
			{ id: 'b', width: 40, height: 30 }
		],
		edges: [{ id: 'e', sources: ['a'], targets: ['b'] }]
	};
	const messages = [
		{ id: ELK_WARM_ID, cmd: 'register', algorithms: ['layered'] },
		{ id: ELK_WARM_ID, cmd: 'layout', graph }
	];
	return `\n;(function(){var m=${JSON.stringify(messages)};if(typeof self.onmessage==='function')for(var i=0;i<m.length;i++)self.onmessage({data:m[i]});})();\n`;
}
