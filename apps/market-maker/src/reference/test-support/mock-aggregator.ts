import { join } from 'node:path';
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
  const mined = async (sent: Promise<{ wait(): Promise<unknown> }>) =>
    void (await (await sent).wait());
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
