// Where each venue account's credentials live in AWS Secrets Manager: one secret per venue
// account, named by environment, venue and account, so access is granted by prefix (the OMS's
// task role reads `perp/<env>/venue-keys/*`; the wildcard also covers the suffix Secrets
// Manager appends to ARNs) and a rotation touches exactly one account.

const SEGMENT = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function segment(value: string, what: string): string {
  if (!SEGMENT.test(value))
    throw new RangeError(
      `${what} must be lower-case letters, digits and inner dashes (1-64), got "${value}"`,
    );
  return value;
}

/** `perp/<environment>/venue-keys/`: every venue account's secret of one environment. */
export function venueSecretsPrefix(environment: string): string {
  return `perp/${segment(environment, 'environment')}/venue-keys/`;
}

/** `perp/<environment>/venue-keys/<venue>/<account>`. */
export function venueSecretName(environment: string, venue: string, account: string): string {
  return `${venueSecretsPrefix(environment)}${segment(venue, 'venue')}/${segment(account, 'account')}`;
}
