import type { Construct, IConstruct } from 'constructs';
import type { z } from 'zod';
import { ApiObject } from '../constructs/api-object.js';
import { checkProps } from '../constructs/props.js';
import type { ObjectMeta } from '../k8s/generated/types.js';
import type { KubeObject } from '../manifest/object.js';
import type { CustomKind, StructuralSchema } from '../validate/crd-schema.js';

/** A custom kind as `lading import` writes it down: its identity, its CRD's schema, and a zod schema of its props. */
export interface ImportedKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** The CRD's name (plural.group). */
  readonly crdName: string;
  /** The CRD version's openAPIV3Schema: synth validates the object with it, as the API server would. */
  readonly schema: StructuralSchema | undefined;
  /** The props (every top-level field but apiVersion, kind and status), checked when the construct is made. */
  readonly props: z.ZodType;
}

const IMPORTED = Symbol.for('lading.importedKind');

/** Props of every imported kind: the object's metadata (its name defaults to the construct's id) and its fields. */
export interface ImportedObjectProps {
  readonly metadata?: ObjectMeta;
}

/**
 * The base of the classes `lading import` generates from CRDs: an ApiObject of a custom kind whose
 * props are checked (zod) when it is made and whose object synth validates against its CRD's
 * schema, even when the CRD itself is not among the app's objects.
 */
export class ImportedObject extends ApiObject {
  readonly [IMPORTED]: ImportedKind;

  constructor(scope: Construct, id: string, definition: ImportedKind, props: ImportedObjectProps) {
    const { metadata, ...fields } = props as ImportedObjectProps & Record<string, unknown>;
    const meta = { name: id, ...metadata } as KubeObject['metadata'];
    super(scope, id, { apiVersion: definition.apiVersion, kind: definition.kind, metadata: meta, ...fields });
    this[IMPORTED] = definition;
    checkProps(this, definition.props, props);
  }
}

/** The custom kinds of the imported classes used under `root`, by "apiVersion|kind" (for validation). */
export function importedKinds(root: IConstruct): Map<string, CustomKind> {
  const kinds = new Map<string, CustomKind>();
  for (const c of root.node.findAll()) {
    const d = (c as Partial<ImportedObject>)[IMPORTED];
    if (d) kinds.set(`${d.apiVersion}|${d.kind}`, { schema: d.schema, namespaced: d.namespaced, crdName: d.crdName });
  }
  return kinds;
}
