export type { SimWorkerApi } from './sim.worker';
export * from './protocol';
