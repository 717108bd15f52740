/** The canonical seeded generator lives in core (practice links depend on it); tests reuse it. */
export { mulberry32 } from '../../src/lib/core/practice/random.ts';
