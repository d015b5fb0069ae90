import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to a mistyped `word` ("readyness" → "readiness"), or undefined when none
 * is close: at most a third of the word's letters differ (at least 1, 2 from 4 letters on),
 * case ignored.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = word.length < 4 ? 1 : Math.max(2, Math.floor(word.length / 3));
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const d = distance(lower, name.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
