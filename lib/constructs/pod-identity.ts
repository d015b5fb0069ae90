import type { Construct } from 'constructs';
import { z } from 'zod';
import type { PolicyRule, Role, RoleBinding, ServiceAccount as ServiceAccountObject } from '../k8s/generated/types.js';
import { ApiObject } from './api-object.js';
import { Chart } from './chart.js';
import { propsSchema, resourcePropsShape } from './props.js';
import { Resource, type ResourceProps } from './resource.js';

/** Permission to act on resources of the namespace. */
export interface Grant {
  /**
   * API groups ("" is the core group).
   * @default [""]
   */
  readonly apiGroups?: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  /** @default - every object of those resources */
  readonly resourceNames?: readonly string[];
}

export interface PodIdentityProps extends ResourceProps {
  /**
   * Permissions, as a Role bound to the account.
   * @default [] (no Role)
   */
  readonly grants?: readonly Grant[];
}

const grant = propsSchema<Grant>()({
  apiGroups: z.array(z.string()).optional(),
  resources: z.array(z.string()).min(1, { error: 'expected at least one resource' }),
  verbs: z.array(z.string()).min(1, { error: 'expected at least one verb' }),
  resourceNames: z.array(z.string()).optional(),
});
const schema = propsSchema<PodIdentityProps>()({ ...resourcePropsShape, grants: z.array(grant).optional() });

/** A ServiceAccount, and a Role + RoleBinding for its grants. */
export class PodIdentity extends Resource {
  readonly object: ApiObject<ServiceAccountObject>;
  private role?: ApiObject<Role>;

  constructor(scope: Construct, id: string, props: PodIdentityProps = {}) {
    super(scope, id, props, 'service-account', schema);
    this.object = new ApiObject<ServiceAccountObject>(this, 'Resource', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: this.objectMeta() });
    for (const g of props.grants ?? []) this.grant(g);
  }

  /** Whether the account has any permission (its pods then mount its token). */
  get hasGrants(): boolean {
    return this.role !== undefined;
  }

  /** Adds a permission (creates the Role and RoleBinding on first use). */
  grant(g: Grant): this {
    const rule: PolicyRule = {
      apiGroups: [...(g.apiGroups ?? [''])],
      resources: [...g.resources],
      verbs: [...g.verbs],
      resourceNames: g.resourceNames && [...g.resourceNames],
    };
    if (!this.role) {
      this.role = new ApiObject<Role>(this, 'Role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: this.objectMeta(), rules: [] });
      new ApiObject<RoleBinding>(this, 'RoleBinding', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: this.objectMeta(),
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name },
        subjects: [{ kind: 'ServiceAccount', name: this.name, namespace: this.namespace ?? Chart.of(this).namespace }],
      });
    }
    this.role.manifest.rules!.push(rule);
    return this;
  }
}
