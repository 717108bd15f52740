import { warmElk } from '$lib/adapters/elk';

/**
 * The client hooks run with the app's entry, before any page's code is even fetched: the
 * earliest point the app's own JS can start ELK's worker. Every page but the embed draws its
 * graph with it (the embed lays out with elk-script.ts, as the script-tag element does).
 */
if (!/\/embed(\.html)?\/?$/.test(location.pathname)) warmElk();
