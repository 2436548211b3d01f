/** Emulators accept any credentials; fixed ones keep the SDK from searching the machine for real ones. */
export const LOCAL_AWS_REGION = 'us-east-1';
export const LOCAL_AWS_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** The part of an AWS SDK v3 client config that points it at a local emulator. */
export interface LocalAwsClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export function localAwsClientConfig(endpoint: string): LocalAwsClientConfig {
  return { endpoint, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS };
}
