// JSDoc text from OpenAPI descriptions: the first sentence keeps the generated files readable.

const ABBREVIATION = /(?:\b(?:e\.g|i\.e|etc|vs|approx|ex)|\.\.)$/i;

export function firstSentence(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const text = description.replace(/\s+/g, ' ').trim();
  const re = /[.!?](?=\s|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const head = text.slice(0, m.index);
    if (!ABBREVIATION.test(head)) return text.slice(0, m.index + 1);
  }
  return text;
}

/** A one-line JSDoc comment, or nothing. */
export function jsdoc(description: string | undefined, indent: string): string {
  const sentence = firstSentence(description);
  if (!sentence) return '';
  return `${indent}/** ${sentence.replace(/\*\//g, '*\\/')} */\n`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A property key as TypeScript source. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}
