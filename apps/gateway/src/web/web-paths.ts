/** Paths the gateway keeps for itself; every other GET is the dashboard's (a file, or index.html for a client route). */
const RESERVED = ['/api', '/health', '/.well-known', '/metrics'];

export const isDashboardPath = (path: string) => !RESERVED.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * The dashboard's Content-Security-Policy: scripts, styles, fonts and requests from this origin only (no inline
 * code: Vite emits files, React sets styles through the DOM), images also as data: URLs, no framing, no plugins.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
