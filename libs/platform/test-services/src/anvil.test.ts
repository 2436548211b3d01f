import { JsonRpcProvider, parseEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnvil, type AnvilInstance } from './index.ts';

describe('startAnvil', () => {
  let anvil: AnvilInstance;
  let provider: JsonRpcProvider;

  beforeAll(async () => {
    anvil = await startAnvil();
    // cacheTimeout -1: ethers otherwise answers a repeated getBalance from a 250 ms cache.
    provider = new JsonRpcProvider(anvil.rpcUrl, anvil.chainId, {
      staticNetwork: true,
      cacheTimeout: -1,
    });
  });
  afterAll(async () => {
    provider?.destroy();
    await anvil?.stop();
  });

  it('answers on a random port with the default chain id', async () => {
    expect(anvil.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(anvil.chainId).toBe(31337);
    expect(await provider.getBlockNumber()).toBe(0);
  });

  it('moves value between two default accounts', async () => {
    const [sender, recipient] = await Promise.all([provider.getSigner(0), provider.getSigner(1)]);
    const before = await Promise.all([
      provider.getBalance(sender.address),
      provider.getBalance(recipient.address),
    ]);

    const tx = await sender.sendTransaction({ to: recipient.address, value: parseEther('1.5') });
    const receipt = await tx.wait();

    const after = await Promise.all([
      provider.getBalance(sender.address),
      provider.getBalance(recipient.address),
    ]);
    expect(receipt?.status).toBe(1);
    expect(after[1] - before[1]).toBe(parseEther('1.5'));
    const gas = (receipt?.gasUsed ?? 0n) * (receipt?.gasPrice ?? 0n);
    expect(before[0] - after[0]).toBe(parseEther('1.5') + gas);
    expect(await provider.getBlockNumber()).toBe(1);
  });

  it('stops the process', async () => {
    const other = await startAnvil({ chainId: 4242 });
    expect(other.chainId).toBe(4242);
    await other.stop();
    await expect(fetch(other.rpcUrl, { method: 'POST' })).rejects.toThrow();
  });
});
