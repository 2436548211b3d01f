import { join } from 'node:path';
import { waitFor } from '@perp/test-services';
import { ContractFactory, type Contract, type Signer } from 'ethers';
import { compileSolidity, type CompiledContract } from './compile-solidity.ts';

const SOURCE = join(import.meta.dirname, 'mock-aggregator.sol');

let compiled: CompiledContract | undefined;

/** MockAggregator compiled from its source, once per test file (solc-js takes about a second). */
export function mockAggregatorArtifact(): CompiledContract {
  compiled ??= compileSolidity(SOURCE, 'MockAggregator');
  return compiled;
}

/** A deployed MockAggregator, driven by its owner (the deploying signer). */
export interface MockAggregator {
  readonly address: string;
  /** Starts the next (complete) round; resolves once it is mined. */
  updateAnswer(answer: bigint, updatedAt: bigint): Promise<void>;
  /** Writes any round as the latest, e.g. an incomplete one; resolves once it is mined. */
  updateRoundData(round: {
    roundId: bigint;
    answer: bigint;
    startedAt: bigint;
    updatedAt: bigint;
    answeredInRound: bigint;
  }): Promise<void>;
  readonly contract: Contract;
}

export async function deployMockAggregator(
  signer: Signer,
  decimals: number,
  description: string,
): Promise<MockAggregator> {
  const { abi, bytecode } = mockAggregatorArtifact();
  const factory = new ContractFactory(abi as never[], bytecode, signer);
  const deployed = await factory.deploy(decimals, description);
  await deployed.waitForDeployment();
  const contract = deployed as Contract;
  const provider = signer.provider;
  if (!provider) throw new Error('the signer needs a provider');
  // Not `tx.wait()`: when the receipt is not there at its first look, ethers waits for a *new*
  // block, and under automine none comes until the next transaction; the receipt itself is polled.
  const mined = async (sent: Promise<{ readonly hash: string }>) => {
    const { hash } = await sent;
    const receipt = await waitFor(
      async () => (await provider.getTransactionReceipt(hash)) ?? undefined,
      {
        timeoutMs: 10_000,
        intervalMs: 5,
        what: `receipt of ${hash}`,
      },
    );
    if (receipt.status !== 1) throw new Error(`transaction ${hash} reverted`);
  };
  return {
    address: await contract.getAddress(),
    contract,
    updateAnswer: (answer, updatedAt) =>
      mined(contract.getFunction('updateAnswer').send(answer, updatedAt)),
    updateRoundData: (round) =>
      mined(
        contract
          .getFunction('updateRoundData')
          .send(
            round.roundId,
            round.answer,
            round.startedAt,
            round.updatedAt,
            round.answeredInRound,
          ),
      ),
  };
}
