import { type App, Chart, Credentials, PodVolume, VolumeClaim, WebApp, fromEnv } from 'lading';

/**
 * WordPress and MySQL, each with its own volume. MySQL is kubernetes/examples
 * databases/mysql-cinder-pd (its volume a claim rather than a Cinder disk, its password a
 * Secret rather than a literal); WordPress is the kubernetes.io tutorial's.
 */
export function wordpress(app: App, namespace?: string): Chart {
  const chart = new Chart(app, 'wordpress', { namespace });
  const db = new Credentials(chart, 'mysql-pass', { keys: { password: fromEnv('MYSQL_ROOT_PASSWORD') } });
  const oneVolume = { replicas: 1, strategy: { type: 'Recreate' } } as const; // ReadWriteOnce: never two pods

  new WebApp(chart, 'mysql', {
    ...oneVolume,
    image: 'mysql:5.7.44',
    port: 3306,
    portName: 'mysql',
    servicePort: 3306,
    args: ['--ignore-db-dir', 'lost+found'],
    env: { MYSQL_ROOT_PASSWORD: db.key('password') },
    resources: { limits: { cpu: '500m', memory: '512Mi' } },
    // The entrypoint starts as root and switches to mysql (999); it writes its socket and temp files.
    securityContext: { runAsUser: 999, readOnlyRootFilesystem: null },
    podSecurityContext: { fsGroup: 999 },
    mounts: { '/var/lib/mysql': PodVolume.fromClaim(new VolumeClaim(chart, 'mysql-data', { size: '20Gi' })) },
  });

  new WebApp(chart, 'wordpress', {
    ...oneVolume,
    image: 'wordpress:6.2.1-apache',
    port: 80,
    serviceType: 'LoadBalancer',
    env: { WORDPRESS_DB_HOST: 'mysql', WORDPRESS_DB_PASSWORD: db.key('password') },
    // Apache starts as root to bind port 80, then switches to www-data.
    securityContext: { runAsNonRoot: null, readOnlyRootFilesystem: null, capabilities: { add: ['NET_BIND_SERVICE', 'SETUID', 'SETGID'] } },
    annotations: { 'lading.dev/skip-policies': 'run-as-root' },
    mounts: { '/var/www/html': PodVolume.fromClaim(new VolumeClaim(chart, 'wordpress-data', { size: '20Gi' })) },
  });
  return chart;
}

export default (app: App): void => void wordpress(app);
