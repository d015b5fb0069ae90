import type { Construct } from 'constructs';
import type { KubeModel } from '../k8s/index.js';
import { isCustomKind } from '../core/custom-kind.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { customKinds } from '../validate/crd-schema.js';
import { importedKinds } from '../import/imported-object.js';
import { type ValidateOptions, validateObjects } from '../validate/validate.js';
import { SYNTH_SET_RULES } from '../validate/rules/index.js';
import { policyDiagnostics } from './policies.js';
import { applyChartDefaults } from './chart-defaults.js';
import { type SynthObject, collectObjects } from './collect.js';
import { emitCanonicalYaml } from '../manifest/emit-yaml.js';
import { type Wave, WAVES, waveIndex } from './kind-order.js';
import { layoutFiles } from './layout.js';

export interface SynthesizedObject extends SynthObject {
  readonly wave: number;
  /** Path of its file relative to the output directory. */
  readonly file: string;
  readonly yaml: string;
}

export interface SynthResult {
  /** In apply order: by application, then wave, then construction order. */
  readonly objects: readonly SynthesizedObject[];
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
}

export interface SynthOptions {
  readonly model: KubeModel;
  /** The app file the tree came from (for error messages). */
  readonly sourceFile?: (o: SynthObject) => string | undefined;
  readonly waves?: readonly Wave[];
  readonly validate?: Omit<ValidateOptions, 'catalog'>;
  /** Check policies (each Chart's `defaults.policies`, else POLICIES). Default true. */
  readonly policies?: boolean;
}

/** What synth offers for a custom resource it has no schema for (it has no --ignore-missing-schemas). */
const SYNTH_MISSING_SCHEMA_HINT =
  "make it with a class from `lading import` of its CustomResourceDefinition, or add the CustomResourceDefinition to the app's objects (an Include of its file)";

/** Construct tree → validated, ordered, canonical YAML per object. Pure: writes nothing. */
export function synthesize(root: Construct, options: SynthOptions): SynthResult {
  const { model } = options;
  const collected = collectObjects(root);
  // Kinds defined by CRDs among the objects, then those of imported classes (lading import).
  const crds = new Map([...importedKinds(root), ...customKinds(collected.map((c) => c.object))]);
  const definedHere = new Set(crds.keys());
  const namespaced = (apiVersion: string, kind: string) => model.kind(apiVersion, kind)?.namespaced ?? crds.get(`${apiVersion}|${kind}`)?.namespaced ?? true;

  const objects = collected.map((c) => ({
    ...c,
    object: applyChartDefaults(c.object, c.chart, namespaced(c.object.apiVersion, c.object.kind)),
  }));
  const result = validateObjects(
    objects.map((o) => ({ value: o.object, origin: { file: options.sourceFile?.(o), constructPath: o.constructPath } })),
    { setRules: SYNTH_SET_RULES, customKinds: crds, missingSchemaHint: SYNTH_MISSING_SCHEMA_HINT, ...options.validate, catalog: model },
  );
  const policies = options.policies === false ? [] : policyDiagnostics(objects, options.sourceFile);
  const wave = waveIndex(options.waves ?? WAVES);
  const ordered = objects
    .map((o, i) => ({ ...o, i, wave: wave(o.object.kind, isCustomKind(o.object.apiVersion, o.object.kind, definedHere)) }))
    .sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : a.wave - b.wave || a.i - b.i));
  const files = layoutFiles(ordered);
  return {
    objects: ordered.map((o, k) => ({
      app: o.app,
      chart: o.chart,
      constructPath: o.constructPath,
      object: o.object,
      wave: o.wave,
      file: files[k]!,
      yaml: emitCanonicalYaml(o.object),
    })),
    diagnostics: [...result.diagnostics, ...policies],
    errors: result.errors + policies.filter((d) => d.severity === 'error').length,
  };
}
