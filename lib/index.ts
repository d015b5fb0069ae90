// The public API of lading: what an app file imports (`import { Chart } from 'lading'`).
export { App, type AppProps } from './constructs/app.js';
export { Chart, type ChartProps } from './constructs/chart.js';
export { ApiObject } from './constructs/api-object.js';
export type { AppDefinition } from './synth/load-apps.js';
export type { KubeObject } from './manifest/object.js';
export type * from './k8s/generated/types.js';
