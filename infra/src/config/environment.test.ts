import { describe, expect, it } from 'vitest';
import { EnvironmentConfigError, validateEnvironment } from './environment.ts';
import { ENVIRONMENTS } from './environments.ts';

const dev = ENVIRONMENTS.dev;

describe('validateEnvironment', () => {
  it('accepts the three environments as configured', () => {
    for (const environment of Object.values(ENVIRONMENTS))
      expect(validateEnvironment(environment)).toBe(environment);
    expect(ENVIRONMENTS.prod.natGateways).toBe(2);
    expect(ENVIRONMENTS.dev.natGateways).toBe(1);
  });

  it.each([
    [{ account: '1234' }, 'account must be 12 digits'],
    [{ region: 'mars' }, 'region must be an AWS region'],
    [
      { availabilityZones: ['eu-west-1a', 'eu-west-1b'] as const },
      'availabilityZones must be zones of',
    ],
    [{ vpcCidr: '10.0.0.0/8' }, 'vpcCidr must be an IPv4 CIDR'],
    [{ natGateways: 2 as const }, 'eipAllocationIds must hold one allocation per NAT gateway (2)'],
    [{ eipAllocationIds: ['eip-123'] }, 'eipAllocationIds[0] must be an eipalloc- id'],
    [
      { eipAllocationIds: ['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef0'] },
      'must not repeat',
    ],
    [{ alarmEmails: { warning: ['not-an-address'], critical: [] } }, 'alarmEmails.warning[0]'],
    [{ certificateArn: 'arn:aws:iam::1:x' }, 'certificateArn must be an ACM certificate ARN'],
    [{ venueAccounts: '{"not":"a list"}' }, 'venueAccounts must be a JSON list'],
    [{ venueAccounts: '[' }, 'venueAccounts must be JSON'],
    [{ githubRepository: 'no-owner' }, 'githubRepository must be owner/name'],
    [
      { services: { 'ws-gateway': { desiredCount: 3, maxCount: 2 } } },
      'services.ws-gateway.desiredCount',
    ],
  ])('rejects %j naming the field', (override, message) => {
    expect(() => validateEnvironment({ ...dev, ...override })).toThrow(EnvironmentConfigError);
    expect(() => validateEnvironment({ ...dev, ...override })).toThrow(message);
  });

  it('refuses a prod without point-in-time recovery or data protection', () => {
    expect(() => validateEnvironment({ ...ENVIRONMENTS.prod, pointInTimeRecovery: false })).toThrow(
      'must both be true in prod',
    );
  });

  it('names every problem at once', () => {
    expect(() => validateEnvironment({ ...dev, account: 'x', vpcCidr: 'y' })).toThrow(
      /account must be 12 digits; vpcCidr/,
    );
  });
});
