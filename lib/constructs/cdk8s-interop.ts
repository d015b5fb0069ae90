import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { IConstruct } from 'constructs';

// cdk8s recognises its charts and objects by these symbols, not by `instanceof` (its `isChart`,
// `isApiObject`), so that several copies of cdk8s work together. lading's Chart carries the chart
// symbol: cdk8s and cdk8s-plus constructs then find it with `Chart.of` like one of their own.
const CDK8S_CHART = Symbol.for('cdk8s.Chart');
const CDK8S_API_OBJECT = Symbol.for('cdk8s.ApiObject');

type Cdk8s = typeof import('cdk8s');
let cdk8s: Cdk8s | undefined;

/**
 * cdk8s itself, loaded on first use only: an app with cdk8s constructs has loaded it already, and
 * one without never pays for it (about 200 ms). cdk8s is the user's dependency (an optional peer of
 * lading's): it is looked up beside lading, then in the project being synthesized.
 */
function loadCdk8s(): Cdk8s {
  if (cdk8s) return cdk8s;
  for (const from of [import.meta.url, join(process.cwd(), 'package.json')]) {
    try {
      cdk8s = createRequire(from)('cdk8s') as Cdk8s;
      return cdk8s;
    } catch {
      // next place
    }
  }
  throw new Error('cdk8s constructs need the cdk8s package: npm install cdk8s');
}

/** Makes `scope` a chart in cdk8s' eyes (`Chart.of`, `Chart.isChart`, `instanceof Chart`). */
export function markAsCdk8sChart(scope: IConstruct): void {
  Object.defineProperty(scope, CDK8S_CHART, { value: true });
}

/** A cdk8s chart (cdk8s' own `Chart` or a lading Chart). */
export function isCdk8sChart(c: unknown): c is IConstruct & { readonly namespace?: string; readonly labels: Record<string, string> } {
  return c !== null && typeof c === 'object' && CDK8S_CHART in c;
}

/** A cdk8s `ApiObject`: any construct of cdk8s, cdk8s-plus or a class made by `cdk8s import`. */
export function isCdk8sApiObject(c: unknown): c is IConstruct & { readonly kind: string; toJson(): unknown } {
  return c !== null && typeof c === 'object' && CDK8S_API_OBJECT in c;
}

/** The name cdk8s gives an object that sets none: its construct path in DNS-label form (+ a hash). */
export function cdk8sObjectName(apiObject: IConstruct & { readonly kind: string }, hash: boolean): string {
  // cdk8s keeps CronJob names 11 characters shorter: the controller appends a suffix to its Jobs.
  return loadCdk8s().Names.toDnsLabel(apiObject, { includeHash: hash, maxLen: apiObject.kind === 'CronJob' ? 52 : undefined });
}

/** cdk8s' own resolvers (lazy values, tokens, number-or-string unions), as a cdk8s App has them. */
export function cdk8sResolvers(): unknown[] {
  const { LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver } = loadCdk8s();
  return [new LazyResolver(), new ImplicitTokenResolver(), new NumberStringUnionResolver()];
}
