import { detectContainerRuntime } from './container-runtime.ts';
import { TestServiceError, TestServiceErrorCode } from './errors.ts';
import type { PostgresDatabase } from './postgres-database.ts';
import { createServerDatabase } from './postgres-server.ts';

const IMAGE = 'postgres:17-alpine';

/**
 * A throwaway Postgres container, for machines with a container engine but no local server.
 * `testcontainers` is imported here only, and only after an engine answered, so that machines
 * without one never pay for loading it.
 */
export async function createContainerDatabase(): Promise<PostgresDatabase> {
  if (!(await detectContainerRuntime())) {
    throw new TestServiceError(
      TestServiceErrorCode.ContainerRuntimeMissing,
      'No container engine answered (DOCKER_HOST or the docker socket); use the local server or PGlite.',
    );
  }
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(IMAGE)
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    // The entrypoint starts the server twice (init, then for real); the second line means ready.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const adminUrl = `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
  try {
    return await createServerDatabase(adminUrl, 'container', async () => {
      await container.stop();
    });
  } catch (error) {
    await container.stop();
    throw error;
  }
}
