import { readStored, removeStored, writeStored } from '$lib/adapters/storage';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'chainstep-theme';

/** Light or dark: follows the system until the reader picks one, and remembers the pick. */
export class ThemeState {
	choice: ThemeChoice = $state('system');

	load(): void {
		// Site data may be blocked (storage throws): the theme then follows the system, unsaved.
		const saved = readStored(KEY);
		if (saved === 'light' || saved === 'dark') this.choice = saved;
		this.#apply();
	}

	cycle(): void {
		const order: ThemeChoice[] = ['system', 'light', 'dark'];
		this.choice = order[(order.indexOf(this.choice) + 1) % order.length];
		if (this.choice === 'system') removeStored(KEY);
		else writeStored(KEY, this.choice);
		this.#apply();
	}

	#apply(): void {
		const root = document.documentElement;
		if (this.choice === 'system') root.removeAttribute('data-theme');
		else root.setAttribute('data-theme', this.choice);
	}
}
