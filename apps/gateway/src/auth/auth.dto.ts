import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '@trustwide/common';

const TRUST_ROLES = ROLES.filter((r) => r !== 'platform-admin');

export class SignInDto {
  @IsString() @Length(3, 320) email: string;
  /** Not checked against the rules here (an old password may predate them); only bounded. */
  @IsString() @Length(1, 1024) password: string;
}

export class RefreshDto {
  @IsString() @Length(20, 200) refreshToken: string;
}

export class SetPasswordDto {
  /** The token of the one-time link (the part after `#token=`). */
  @IsString() @Length(20, 200) token: string;
  @IsString() @MaxLength(1024) password: string;
}

export class SignInCodeDto {
  @IsString() @Length(20, 100) code: string;
}

export class IdTokenDto {
  @IsString() @Length(10, 16_384) idToken: string;
}

export class CreateUserDto {
  @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(320) email: string;
  @IsOptional() @IsString() @Length(1, 200) displayName?: string;
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(TRUST_ROLES, { each: true, message: `each role must be one of ${TRUST_ROLES.join(', ')}` })
  roles: Role[];
  /** Schools a headteacher or head of school leads (the schools service's school ids). */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) schoolIds?: string[];
  /** The people service's staff id of the member of staff who signs in with this account (see StaffLinks). */
  @IsOptional() @IsUUID() staffId?: string | null;
  /** Optional: without one, the answer holds a one-time link for the user to set it. */
  @IsOptional() @IsString() @MaxLength(1024) password?: string;
}

export class ChangeUserDto {
  @IsOptional() @IsString() @Length(1, 200) displayName?: string;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(TRUST_ROLES, { each: true, message: `each role must be one of ${TRUST_ROLES.join(', ')}` })
  roles?: Role[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) schoolIds?: string[];
  @IsOptional() @IsBoolean() disabled?: boolean;
  /** Links the account to a staff record; null unlinks it. */
  @IsOptional() @IsUUID() staffId?: string | null;
}

export class OidcSettingsDto {
  /** The issuer URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 */
  @IsString() @Length(8, 500) issuer: string;
  @IsString() @Length(1, 300) clientId: string;
  /** For the authorization-code flow with a confidential client (client_secret_basic). */
  @IsOptional() @IsString() @Length(1, 500) clientSecret?: string;
  /** The ID token claim holding groups or roles: `groups` (Entra ID group object ids) or `roles` (app roles). */
  @IsString() @Length(1, 100) roleClaim: string;
  /** Claim value → Trustwide roles, e.g. { "Trustwide-HR": ["hr"] }. */
  @IsObject() roleMapping: Record<string, Role[]>;
}

export class SignInSettingsDto {
  /** The trust's name: passwords of its users may not contain it. */
  @IsOptional() @IsString() @Length(1, 300) trustName?: string;
  /** The trust's OpenID Connect provider; null turns single sign-on off. */
  @IsOptional() @ValidateNested() @Type(() => OidcSettingsDto) oidc?: OidcSettingsDto | null;
}
