// The secrets the stack owns. Venue keys are not among them: operators create one secret per venue
// account (`perp/<env>/venue-keys/<venue>/<account>`, `npm run venue -- ...`), and only the OMS
// may read that prefix.
import { RemovalPolicy } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment.ts';

export class PlatformSecrets extends Construct {
  /** The notifier's internal API bearer secret, shared with the gateway and the margin call. */
  readonly notifierApiToken: secretsmanager.Secret;
  /** @BotFather's token: created with a placeholder, its value set by an operator. */
  readonly telegramBotToken: secretsmanager.Secret;
  readonly marketMakerClientSecret: secretsmanager.Secret;

  constructor(
    scope: Construct,
    id: string,
    props: { environment: EnvironmentConfig; marketMakerClient: cognito.UserPoolClient },
  ) {
    super(scope, id);
    const name = props.environment.name;
    const removalPolicy = props.environment.protectData
      ? RemovalPolicy.RETAIN
      : RemovalPolicy.DESTROY;
    this.notifierApiToken = new secretsmanager.Secret(this, 'NotifierApiToken', {
      secretName: `perp/${name}/notifier/api-token`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy,
    });
    this.telegramBotToken = new secretsmanager.Secret(this, 'TelegramBotToken', {
      secretName: `perp/${name}/notifier/telegram-bot-token`,
      description: 'Set by an operator: aws secretsmanager put-secret-value',
      removalPolicy,
    });
    // Cognito holds the client secret; the stack copies it once so ECS can inject it.
    this.marketMakerClientSecret = new secretsmanager.Secret(this, 'MarketMakerClientSecret', {
      secretName: `perp/${name}/market-maker/client-secret`,
      secretStringValue: props.marketMakerClient.userPoolClientSecret,
      removalPolicy,
    });
  }
}
