// The three environments. Accounts and Elastic IP allocations are this organisation's: replace
// them when adopting the app (docs/operations/nat-egress-ips.md says how to allocate the EIPs).
// Tokyo: the region closest to Binance's and Hyperliquid's matching engines.
import {
  validateEnvironment,
  type EnvironmentConfig,
  type EnvironmentName,
} from './environment.ts';

const REPOSITORY = 'perp-platform/perp';

const dev: EnvironmentConfig = {
  name: 'dev',
  account: '111111111111',
  region: 'ap-northeast-1',
  availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
  vpcCidr: '10.10.0.0/16',
  natGateways: 1,
  eipAllocationIds: ['eipalloc-0d0e0f0a0b0c0d001'],
  running: true,
  pointInTimeRecovery: false,
  protectData: false,
  logRetentionDays: 7,
  alarmEmails: { warning: [], critical: ['oncall-dev@example.com'] },
  omsHosts: { instanceType: 't4g.medium', maxCount: 1 },
  redis: { nodeType: 'cache.t4g.micro', replicas: 0 },
  database: { instanceType: 't4g.micro', multiAz: false, storageGiB: 20 },
  venueAccounts: '[]',
  services: {},
  githubRepository: REPOSITORY,
};

const stg: EnvironmentConfig = {
  ...dev,
  name: 'stg',
  account: '222222222222',
  vpcCidr: '10.20.0.0/16',
  eipAllocationIds: ['eipalloc-0d0e0f0a0b0c0d002'],
  logRetentionDays: 14,
  alarmEmails: { warning: [], critical: ['oncall-stg@example.com'] },
  redis: { nodeType: 'cache.t4g.small', replicas: 1 },
};

const prod: EnvironmentConfig = {
  ...dev,
  name: 'prod',
  account: '333333333333',
  vpcCidr: '10.30.0.0/16',
  natGateways: 2,
  eipAllocationIds: ['eipalloc-0d0e0f0a0b0c0d003', 'eipalloc-0d0e0f0a0b0c0d004'],
  pointInTimeRecovery: true,
  protectData: true,
  logRetentionDays: 90,
  alarmEmails: { warning: ['trading-ops@example.com'], critical: ['oncall@example.com'] },
  omsHosts: { instanceType: 'c7g.large', maxCount: 2 },
  redis: { nodeType: 'cache.r7g.large', replicas: 1 },
  database: { instanceType: 'm7g.large', multiAz: true, storageGiB: 50 },
  services: {
    'ws-gateway': { cpu: 1024, memoryMiB: 2048, desiredCount: 2, maxCount: 6 },
    oms: { desiredCount: 2, maxCount: 2 },
  },
};

export const ENVIRONMENTS: Readonly<Record<EnvironmentName, EnvironmentConfig>> = {
  dev: validateEnvironment(dev),
  stg: validateEnvironment(stg),
  prod: validateEnvironment(prod),
};

export const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];

export function isEnvironmentName(value: string): value is EnvironmentName {
  return Object.hasOwn(ENVIRONMENTS, value);
}
