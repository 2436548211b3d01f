import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import solc from 'solc';

/** One contract as solc produced it: what ethers' ContractFactory takes. */
export interface CompiledContract {
  readonly abi: readonly unknown[];
  /** Creation bytecode, 0x-prefixed. */
  readonly bytecode: string;
}

interface SolcOutput {
  readonly errors?: readonly { readonly severity: string; readonly formattedMessage: string }[];
  readonly contracts?: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>
  >;
}

/**
 * Compiles one Solidity file (no imports) with solc-js, the compiler pinned in the root
 * package.json, through its standard JSON interface. Compiling at test time, rather than
 * committing an artifact, means the bytecode a test deploys is always the source next to it.
 * The EVM version is pinned so the output does not depend on the compiler's default.
 */
export function compileSolidity(path: string, contractName: string): CompiledContract {
  const file = basename(path);
  const input = {
    language: 'Solidity',
    sources: { [file]: { content: readFileSync(path, 'utf8') } },
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: false },
      outputSelection: { [file]: { [contractName]: ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput;
  const errors = (output.errors ?? []).filter((entry) => entry.severity === 'error');
  if (errors.length > 0) {
    throw new Error(
      `solc ${solc.version() as string} failed on ${file}:\n` +
        errors.map((entry) => entry.formattedMessage).join('\n'),
    );
  }
  const contract = output.contracts?.[file]?.[contractName];
  if (contract === undefined) throw new Error(`${file} has no contract ${contractName}`);
  return { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
}
