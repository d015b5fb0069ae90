import { type SecretDelivery, defineEnvironments } from 'lading';

/** What differs between the shop's environments; everything else is the same code. */
export interface ShopEnvironment {
  readonly host: string;
  /** Web frontend: autoscaling bounds. */
  readonly web: { readonly min: number; readonly max: number };
  readonly apiReplicas: number;
  readonly workerReplicas: number;
  readonly redisStorage: string;
  readonly logLevel: 'debug' | 'info';
  /** dev: `lading apply` reads the values from env; prod: the external-secrets operator reads them from Vault. */
  readonly secrets: SecretDelivery;
}

export const shopEnvironments = defineEnvironments<ShopEnvironment>({
  dev: { host: 'dev.shop.example.com', web: { min: 1, max: 3 }, apiReplicas: 1, workerReplicas: 1, redisStorage: '1Gi', logLevel: 'debug', secrets: 'apply' },
  prod: {
    host: 'shop.example.com',
    web: { min: 3, max: 20 },
    apiReplicas: 3,
    workerReplicas: 2,
    redisStorage: '20Gi',
    logLevel: 'info',
    secrets: { externalSecret: { store: 'vault', storeKind: 'ClusterSecretStore', remoteKey: (secret, key) => ({ key: `shop/${secret}`, property: key }) } },
  },
});
