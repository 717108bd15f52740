/**
 * ELK's worker script, at this name at the root of the build and of the dev server
 * (elk-worker-plugin.ts puts it there): src/app.html starts it by this name, adapters/elk.ts
 * takes that worker or starts one.
 */
export const ELK_WORKER_FILE = 'elk-worker.min.js';
