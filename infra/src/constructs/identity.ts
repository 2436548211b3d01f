// Cognito: traders and staff sign in with MFA; roles are groups (reaching tokens as
// cognito:groups); each user's trading account is the immutable custom:account_id. The market
// maker is a machine client (client credentials) with the trade scope.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';

export const USER_GROUPS = ['admin', 'operator', 'trader', 'viewer'] as const;

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly traderClient: cognito.UserPoolClient;
  readonly marketMakerClient: cognito.UserPoolClient;
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly tokenUrl: string;

  constructor(scope: Construct, id: string, environment: EnvironmentConfig) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: `perp-${environment.name}-users`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      customAttributes: {
        account_id: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: environment.protectData,
      removalPolicy: environment.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const [precedence, groupName] of USER_GROUPS.entries())
      this.userPool.addGroup(groupName, { groupName, precedence: precedence * 10 });

    const tradeScope = new cognito.ResourceServerScope({
      scopeName: 'trade',
      scopeDescription: 'Trade through the gateway',
    });
    const api = this.userPool.addResourceServer('Api', {
      identifier: 'perp-api',
      scopes: [tradeScope],
    });
    const domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `perp-${environment.name}-${environment.account}` },
    });

    // Users may never write their own account id.
    const writeAttributes = new cognito.ClientAttributes().withStandardAttributes({ email: true });
    this.traderClient = this.userPool.addClient('TraderApp', {
      userPoolClientName: 'trader-app',
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      writeAttributes,
    });
    this.marketMakerClient = this.userPool.addClient('MarketMaker', {
      userPoolClientName: 'market-maker',
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [cognito.OAuthScope.resourceServer(api, tradeScope)],
      },
      accessTokenValidity: Duration.minutes(60),
      enableTokenRevocation: true,
      writeAttributes,
    });

    const region = Stack.of(this).region;
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
    this.tokenUrl = `${domain.baseUrl()}/oauth2/token`;
  }
}
