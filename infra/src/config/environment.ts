// One environment's settings, typed and validated at synth: a mistake stops `cdk synth` naming the
// field, before anything reaches CloudFormation.

export type EnvironmentName = 'dev' | 'stg' | 'prod';

export type ServiceName = 'oms' | 'ws-gateway' | 'market-maker' | 'notifier' | 'sim-venue';

/** What an environment may change of a service's definition. */
export interface ServiceSizing {
  readonly cpu?: number;
  readonly memoryMiB?: number;
  readonly desiredCount?: number;
  readonly maxCount?: number;
}

export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  readonly account: string;
  readonly region: string;
  /** The two AZs of the VPC, written down so synth needs no lookup. */
  readonly availabilityZones: readonly [string, string];
  readonly vpcCidr: string;
  readonly natGateways: 1 | 2;
  /**
   * Elastic IPs allocated outside the stacks (the venues whitelist them): the NAT gateways take
   * them in order, so the egress addresses survive any redeploy or VPC replacement.
   */
  readonly eipAllocationIds: readonly string[];
  /** false scales every service and the OMS hosts to zero and pauses schedules and alarm actions. */
  readonly running: boolean;
  readonly pointInTimeRecovery: boolean;
  /** Deletion protection and RETAIN on stateful resources. */
  readonly protectData: boolean;
  readonly logRetentionDays: 7 | 14 | 30 | 90 | 365;
  readonly alarmEmails: {
    readonly warning: readonly string[];
    readonly critical: readonly string[];
  };
  /** An ACM certificate for the gateway's listener; without one the ALB listens on HTTP 80. */
  readonly certificateArn?: string;
  readonly omsHosts: { readonly instanceType: string; readonly maxCount: number };
  readonly redis: { readonly nodeType: string; readonly replicas: 0 | 1 | 2 };
  readonly database: {
    readonly instanceType: string;
    readonly multiAz: boolean;
    readonly storageGiB: number;
  };
  /** VENUE_ACCOUNTS for the OMS (JSON list, no keys: those live in Secrets Manager). */
  readonly venueAccounts: string;
  readonly services: Partial<Record<ServiceName, ServiceSizing>>;
  /** The GitHub repository whose workflows may deploy (owner/name). */
  readonly githubRepository: string;
}

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-4])$/;
const EIP_ALLOCATION = /^eipalloc-[0-9a-f]{8,17}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export class EnvironmentConfigError extends Error {
  override readonly name = 'EnvironmentConfigError';
}

/** Checks what types cannot: formats, counts, and the rules that tie fields together. */
export function validateEnvironment(config: EnvironmentConfig): EnvironmentConfig {
  const problems: string[] = [];
  const check = (ok: boolean, field: string, rule: string) => {
    if (!ok) problems.push(`${field} ${rule}`);
  };
  check(ACCOUNT.test(config.account), 'account', 'must be 12 digits');
  check(REGION.test(config.region), 'region', 'must be an AWS region such as eu-west-1');
  check(
    config.availabilityZones.every((zone) => zone.startsWith(config.region)),
    'availabilityZones',
    `must be zones of ${config.region}`,
  );
  check(CIDR.test(config.vpcCidr), 'vpcCidr', 'must be an IPv4 CIDR from /16 to /24');
  check(
    config.eipAllocationIds.length >= config.natGateways,
    'eipAllocationIds',
    `must hold one allocation per NAT gateway (${config.natGateways})`,
  );
  check(
    new Set(config.eipAllocationIds).size === config.eipAllocationIds.length,
    'eipAllocationIds',
    'must not repeat an allocation',
  );
  for (const [index, id] of config.eipAllocationIds.entries())
    check(EIP_ALLOCATION.test(id), `eipAllocationIds[${index}]`, 'must be an eipalloc- id');
  for (const level of ['warning', 'critical'] as const)
    for (const [index, email] of config.alarmEmails[level].entries())
      check(EMAIL.test(email), `alarmEmails.${level}[${index}]`, 'must be an e-mail address');
  check(
    config.certificateArn === undefined || config.certificateArn.startsWith('arn:aws:acm:'),
    'certificateArn',
    'must be an ACM certificate ARN',
  );
  check(config.omsHosts.maxCount >= 1, 'omsHosts.maxCount', 'must be at least 1');
  check(REPOSITORY.test(config.githubRepository), 'githubRepository', 'must be owner/name');
  check(
    config.name !== 'prod' || (config.pointInTimeRecovery && config.protectData),
    'pointInTimeRecovery/protectData',
    'must both be true in prod',
  );
  try {
    const accounts: unknown = JSON.parse(config.venueAccounts);
    check(Array.isArray(accounts), 'venueAccounts', 'must be a JSON list');
  } catch {
    problems.push('venueAccounts must be JSON');
  }
  for (const [service, sizing] of Object.entries(config.services))
    if (sizing.maxCount !== undefined && (sizing.desiredCount ?? 1) > sizing.maxCount)
      problems.push(`services.${service}.desiredCount must not exceed maxCount`);
  if (problems.length > 0)
    throw new EnvironmentConfigError(`environment ${config.name}: ${problems.join('; ')}`);
  return config;
}
