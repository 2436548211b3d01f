// @perp/auth: verification of JWT access tokens (Cognito in AWS, tools/identity locally).
export { AuthLevel, Role, rolesAllow } from '@perp/contracts';
export { AuthError, type AuthErrorCode } from './auth-error.ts';
export { createJwtVerifier, type JwtVerifierOptions, type TokenVerifier } from './jwt-verifier.ts';
export { DEFAULT_SCOPE_PREFIX, type Principal } from './principal.ts';
