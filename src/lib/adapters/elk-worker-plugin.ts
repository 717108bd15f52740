import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { ELK_WORKER_FILE, elkSelfWarm } from './elk-worker-file.ts';

/** The worker script as served: elkjs's worker with its own warm-up after it. */
export function elkWorkerSource(): string {
	return readFileSync(createRequire(import.meta.url).resolve('elkjs/lib/elk-worker.min.js'), 'utf8') + elkSelfWarm();
}

/**
 * ELK's worker script at a fixed name at the root of the build (and of the dev server), so
 * src/app.html can start the worker from an inline script, before any of the app's modules
 * load: a hashed name is only known to the bundle, whose modules run ~350 ms after navigation.
 * The file is elkjs's own, read from node_modules (never copied into the repository), with its
 * own warm-up appended (elkSelfWarm).
 */
export function elkWorkerPlugin(): Plugin {
	let ssr = false;
	return {
		name: 'chainstep-elk-worker',
		configResolved(config) {
			ssr = Boolean(config.build.ssr);
		},
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				if (req.url?.split('?')[0] !== `/${ELK_WORKER_FILE}`) return next();
				res.setHeader('Content-Type', 'text/javascript');
				res.end(elkWorkerSource());
			});
		},
		generateBundle() {
			// The client build only: the server build has no use for it.
			if (!ssr) this.emitFile({ type: 'asset', fileName: ELK_WORKER_FILE, source: elkWorkerSource() });
		}
	};
}
