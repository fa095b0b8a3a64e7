/**
 * Whether a WebSocket upgrade may proceed. Browsers always send Origin; a page may connect
 * from its own origin (same host and port as the gateway) or from one listed in
 * ALLOWED_ORIGINS. Clients that are not browsers send no Origin and are allowed: the token,
 * not the origin, is what authenticates them.
 */
export function originAllowed(origin: string, host: string, allowed: string[]): boolean {
  if (origin === '') return true;
  if (allowed.includes(origin)) return true;

  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
