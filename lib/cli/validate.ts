import { loadModel } from '../k8s/index.js';
import { documentsOf } from '../manifest/documents.js';
import { parseYamlStream } from '../manifest/parse-yaml.js';
import { distUnit } from '../synth/layout.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { diagnosticJson, formatDiagnostic } from '../validate/format.js';
import { validateObjects, type ValidationInput, type ValidationResult } from '../validate/validate.js';
import { EXIT } from './errors.js';
import { readInputs } from './inputs.js';
import { resolveKubeVersion } from './kube-version.js';

// Within each object, problems are listed top to bottom as they appear in its file.
function sortByLine(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const objectOrder = new Map<string, number>();
  const keyed = diagnostics.map((d, i) => {
    const id = `${d.origin.file}|${d.object}`;
    if (!objectOrder.has(id)) objectOrder.set(id, i);
    return { d, object: objectOrder.get(id)!, line: d.origin.lineOf?.(d.path) ?? 0, i };
  });
  return keyed.sort((a, b) => a.object - b.object || a.line - b.line || a.i - b.i).map((k) => k.d);
}

export interface ValidateFlags {
  readonly output: 'text' | 'json';
  readonly strict: boolean;
  readonly ignoreMissingSchemas: boolean;
  readonly kubeVersion?: string;
}

export interface ValidateReport {
  readonly kubernetesVersion: string;
  readonly files: number;
  readonly result: ValidationResult;
  readonly syntax: readonly { readonly file: string; readonly line: number; readonly message: string }[];
}

/** What `lading validate PATH...` finds, without printing it. */
export async function validatePaths(paths: readonly string[], flags: Omit<ValidateFlags, 'output'>): Promise<ValidateReport> {
  const version = resolveKubeVersion(flags.kubeVersion);
  const [files, model] = await Promise.all([readInputs(paths), loadModel(version)]);
  const inputs: ValidationInput[] = [];
  const syntax: { file: string; line: number; message: string }[] = [];
  for (const file of files) {
    const parsed = documentsOf(file.name, parseYamlStream(file.text));
    // Objects of dist/dev/shop and dist/prod/shop are different units: the same object in both is no duplicate.
    const unit = distUnit(file.name);
    inputs.push(...(unit === undefined ? parsed.inputs : parsed.inputs.map((i) => ({ ...i, origin: { ...i.origin, unit } }))));
    syntax.push(...parsed.errors);
  }
  const result = validateObjects(inputs, {
    catalog: model,
    strict: flags.strict,
    ignoreMissingSchemas: flags.ignoreMissingSchemas,
  });
  return { kubernetesVersion: model.version, files: files.length, result, syntax };
}

/** `lading validate PATH...`: every error of every object, one line each, then a summary. */
export async function runValidate(paths: readonly string[], flags: ValidateFlags): Promise<number> {
  const { kubernetesVersion, files, result, syntax } = await validatePaths(paths, flags);
  const errors = result.errors + syntax.length;
  if (flags.output === 'json') {
    const report = {
      valid: errors === 0,
      kubernetesVersion,
      files,
      objects: result.objects,
      errors,
      warnings: result.warnings,
      syntaxErrors: syntax,
      diagnostics: result.diagnostics.map(diagnosticJson),
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    const lines = [...syntax.map((e) => `${e.file}:${e.line}: syntax error: ${e.message}`), ...sortByLine(result.diagnostics).map(formatDiagnostic)];
    const summary =
      `${result.objects} object${result.objects === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (Kubernetes ${kubernetesVersion}): ` +
      (errors === 0 ? 'valid' : `${errors} error${errors === 1 ? '' : 's'}`) +
      (result.warnings ? `, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}` : '');
    process.stdout.write([...lines, summary].join('\n') + '\n');
  }
  return errors === 0 ? EXIT.ok : EXIT.findings;
}
