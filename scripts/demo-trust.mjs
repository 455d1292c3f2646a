// The demo trust `npm start` loads through the public API once every service is healthy.
// Filled in as services gain their APIs; for now the platform starts empty.
export async function loadDemoTrust() {}
