// Stops the dashboard platform if a browser suite started one (test/global-setup.mjs).
export default async function globalTeardown() {
  await globalThis.__dashboardPlatform?.close();
}
