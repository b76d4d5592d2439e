export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { __PG_CLUSTER__?: { stop(): void } }).__PG_CLUSTER__;
  cluster?.stop();
}
