import type { IConstruct } from 'constructs';
import { formatPath } from '../manifest/object.js';
import type { PropIssue } from './props-issues.js';

/** A problem with one construct's props. */
export interface PropsProblem extends PropIssue {
  /** The construct's path (Chart/Construct). */
  readonly constructPath: string;
  /** Where the path starts: "props" (the default), or e.g. "defaults" for a level of defaults. */
  readonly root?: string;
}

/**
 * Constructs given invalid props, every one of them: one line per problem (naming the construct
 * path, the prop path and what was expected); a problem shared by several constructs is one line
 * listing them.
 */
export class PropsError extends TypeError {
  /** The first construct with a problem (see `problems` for all). */
  readonly constructPath: string;

  constructor(
    readonly problems: readonly PropsProblem[],
    options: { fileOf?: (constructPath: string) => string | undefined; also?: readonly string[] } = {},
  ) {
    super([...groupedLines(problems, options.fileOf), ...(options.also ?? [])].join('\n'));
    this.name = 'PropsError';
    this.constructPath = problems[0]?.constructPath ?? '';
  }
}

function groupedLines(problems: readonly PropsProblem[], fileOf?: (constructPath: string) => string | undefined): string[] {
  const groups = new Map<string, { where: { file?: string; path: string }[]; what: string }>();
  for (const p of problems) {
    const what = `${formatPath([p.root ?? 'props', ...p.path])}: ${p.message}`;
    const path = p.constructPath || 'App';
    const group = groups.get(what) ?? { where: [], what };
    if (!group.where.some((w) => w.path === path)) group.where.push({ file: fileOf?.(p.constructPath), path });
    groups.set(what, group);
  }
  return [...groups.values()].map(({ where, what }) => {
    const file = where[0]!.file;
    // One file: named once ("apps/shop.ts shop/a, shop/b"); else each construct with its file.
    const located = where.every((w) => w.file === file)
      ? `${file ? `${file} ` : ''}${where.map((w) => w.path).join(', ')}`
      : where.map((w) => (w.file ? `${w.file} ${w.path}` : w.path)).join(', ');
    return `${located}: ${what}`;
  });
}

// Problems are kept by the root of the tree, so that one run reports every construct's.
const byRoot = new WeakMap<IConstruct, PropsProblem[]>();

/** Records problems with `scope`'s props; they are thrown together (PropsError) when the tree is synthesized. */
export function reportPropsProblems(scope: IConstruct, issues: readonly PropIssue[], root?: string): void {
  if (!issues.length) return;
  const list = byRoot.get(scope.node.root) ?? [];
  // A construct passes its props on to the constructs it makes (a WebApp's name to its
  // ServiceAccount): the same problem is reported once, at the outermost.
  const ancestors = new Set(scope.node.scopes.slice(0, -1).map((s) => s.node.path));
  const same = (p: PropsProblem, i: PropIssue) => p.root === root && p.message === i.message && p.path.join('\0') === i.path.join('\0');
  const fresh = issues.filter((i) => !list.some((p) => ancestors.has(p.constructPath) && same(p, i)));
  list.push(...fresh.map((i) => ({ ...i, constructPath: scope.node.path, ...(root ? { root } : {}) })));
  byRoot.set(scope.node.root, list);
}

/** Every props problem recorded in the tree of `root`. */
export function propsProblems(root: IConstruct): readonly PropsProblem[] {
  return byRoot.get(root.node.root) ?? [];
}

/**
 * Throws a PropsError when any construct of the tree was given invalid props. `cause`: an error
 * that stopped building the tree (often a consequence of those props), reported after them.
 */
export function throwPropsProblems(root: IConstruct, options: { fileOf?: (constructPath: string) => string | undefined; cause?: unknown } = {}): void {
  const problems = propsProblems(root);
  if (!problems.length) return;
  const cause = options.cause instanceof Error ? options.cause.message : options.cause;
  const also = cause === undefined ? [] : [`(then building stopped: ${String(cause)})`];
  throw new PropsError(problems, { fileOf: options.fileOf, also });
}
