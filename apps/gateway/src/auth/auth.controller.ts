import { Body, Controller, Get, Header, HttpCode, HttpException, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IsOptional, IsString, Length } from 'class-validator';
import { ROLES, UuidParam } from '@trustwide/common';
import { Accounts } from './accounts.service';
import { IdTokenDto, RefreshDto, SetPasswordDto, SignInCodeDto, SignInDto } from './auth.dto';
import { Allow, Public } from './auth.guard';
import type { AuthenticatedRequest } from './auth.guard';
import { TooManyAttempts, unauthorized } from './errors';
import { Oidc } from './oidc.service';
import { SigningKeys } from './signing-keys.service';
import { SignInCodes } from './sign-in-codes';
import { mapUser, Users } from './users.service';
import { User } from './auth.entities';
import { DataSource } from 'typeorm';

/** The address a sign-in came from: the gateway is the edge, so its own peer (no proxy header is trusted). */
const addressOf = (req: Request) => req.socket.remoteAddress ?? 'unknown';

/** A browser navigating (Accept: text/html) rather than an API client. */
const wantsHtml = (req: Request) => /text\/html/.test(req.headers.accept ?? '');

const messageOf = (err: HttpException): string => {
  const body = err.getResponse();
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : err.message;
  return String(Array.isArray(message) ? message.join('; ') : message).slice(0, 300);
};

class CallbackQuery {
  @IsOptional() @IsString() @Length(1, 2000) code?: string;
  @IsOptional() @IsString() @Length(1, 200) state?: string;
  @IsOptional() @IsString() @Length(1, 200) error?: string;
  @IsOptional() @IsString() @Length(0, 2000) error_description?: string;
  @IsOptional() @IsString() session_state?: string;
  @IsOptional() @IsString() iss?: string;
}

/** Sign-in, tokens and sign-out (`/api/auth`); answers carry no-store, tokens must not be cached. */
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly accounts: Accounts,
    private readonly users: Users,
    private readonly oidc: Oidc,
    private readonly dataSource: DataSource,
    private readonly codes: SignInCodes,
  ) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  async signIn(@Body() body: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    try {
      const { user, ...tokens } = await this.accounts.signIn(body.email, body.password, addressOf(req));
      return { ...tokens, user: mapUser(user) };
    } catch (err) {
      if (err instanceof TooManyAttempts) res.setHeader('retry-after', String(err.retryAfter));
      throw err;
    }
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshDto) {
    return this.accounts.refresh(body.refreshToken);
  }

  /** Ends the session of the refresh token; its access tokens stop working at the gateway at once. */
  @Public()
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Body() body: RefreshDto): Promise<void> {
    await this.accounts.signOut(body.refreshToken);
  }

  /** Sets a password through the one-time link a trust administrator handed over. */
  @Public()
  @Post('password')
  @HttpCode(204)
  async setPassword(@Body() body: SetPasswordDto): Promise<void> {
    await this.users.completeReset(body.token, body.password, this.accounts);
  }

  @Allow(...ROLES)
  @Get('me')
  async me(@Req() req: AuthenticatedRequest) {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: req.caller!.userId });
    return { ...mapUser(user), caller: req.caller };
  }

  /** Starts single sign-on at the trust's provider (a browser is redirected there). */
  @Public()
  @Get('oidc/:trustId/start')
  async oidcStart(@UuidParam('trustId') trustId: string, @Res() res: Response): Promise<void> {
    res.redirect(302, await this.oidc.start(trustId));
  }

  /**
   * Where the provider sends the browser back. A browser (it asks for HTML) is sent on to the dashboard with a
   * one-time code (`/signed-in?code=…`, exchanged at `POST oidc/exchange`), or to its sign-in page with the reason;
   * a client that asks for JSON gets the tokens (or the error) as before.
   */
  @Public()
  @Get('oidc/:trustId/callback')
  async oidcCallback(
    @UuidParam('trustId') trustId: string,
    @Query() query: CallbackQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const browser = wantsHtml(req);
    try {
      if (query.error || !query.code || !query.state)
        throw unauthorized(`the provider did not sign you in${query.error ? ` (${query.error})` : ''}: start again`, 'code');
      const tokens = await this.oidc.callback(trustId, query.code, query.state, addressOf(req));
      if (!browser) return tokens;
      res.redirect(303, `/signed-in?code=${encodeURIComponent(await this.codes.issue(tokens))}`);
    } catch (err) {
      if (!browser) throw err;
      const message = err instanceof HttpException ? messageOf(err) : 'the sign-in could not be completed: start again';
      res.redirect(303, `/sign-in?${new URLSearchParams({ trust: trustId, error: message }).toString()}`);
    }
    return undefined;
  }

  /** The dashboard's last step of single sign-on: the one-time code from the callback, for the tokens. */
  @Public()
  @Post('oidc/exchange')
  @HttpCode(200)
  async oidcExchange(@Body() body: SignInCodeDto) {
    const tokens = await this.codes.take(body.code);
    if (!tokens) throw unauthorized('this sign-in code has expired or was already used: start again', 'code');
    return tokens;
  }

  /** Exchanges an ID token the client got from the trust's provider itself for the gateway's tokens. */
  @Public()
  @Post('oidc/:trustId/id-token')
  @HttpCode(200)
  oidcIdToken(@UuidParam('trustId') trustId: string, @Body() body: IdTokenDto, @Req() req: Request) {
    return this.oidc.signInWithIdToken(trustId, body.idToken, addressOf(req));
  }
}

/** The gateway's public signing keys: services verify caller tokens with them. */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  @Public()
  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  jwks() {
    return this.keys.jwks();
  }
}

/** Platform operations. */
@Controller('api/admin')
export class PlatformAdminController {
  constructor(private readonly keys: SigningKeys) {}

  /** Replaces the signing key now (e.g. after a suspected leak); the old one stays published until its tokens expire. */
  @Allow('platform-admin')
  @Post('signing-keys/rotate')
  @HttpCode(200)
  async rotate() {
    return { kid: await this.keys.rotate(true) };
  }
}
