import type { Request } from 'express';
import { CALLER_HEADER } from '@trustwide/common';
import { AuthenticatedRequest, CALLER_TOKEN } from './auth.guard';

/**
 * The headers sent to a service, with the verified caller: the caller token the guard minted replaces the
 * client's access token (a service never sees, or needs, the token the client holds).
 */
export function withCaller(req: Request, headers: Record<string, string | string[]>): Record<string, string | string[]> {
  delete headers.authorization;
  const token = (req as AuthenticatedRequest)[CALLER_TOKEN];
  if (token) headers[CALLER_HEADER] = token;
  return headers;
}
