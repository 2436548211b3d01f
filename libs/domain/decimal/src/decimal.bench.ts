// Micro-benchmark of the hot operations. Run:
//   node --conditions=@perp/source libs/domain/decimal/src/decimal.bench.ts
// Prints operations per second; no assertions. Numbers are indicative, machine-dependent.
import { Decimal } from './index.ts';

const price = Decimal.parse('61234.5');
const quantity = Decimal.parse('0.125');
const tick = Decimal.parse('0.5');
const rate = Decimal.parse('0.0005');
const iterations = 1_000_000;

let sink: unknown;

function bench(name: string, op: (i: number) => unknown): void {
  for (let i = 0; i < 20_000; i += 1) sink = op(i); // warm-up so the JIT compiles the op
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) sink = op(i);
  const seconds = (performance.now() - started) / 1000;
  const opsPerSecond = Math.round(iterations / seconds).toLocaleString('en-US');
  console.log(`${name.padEnd(28)} ${opsPerSecond.padStart(14)} ops/s`);
}

const texts = ['61234.5', '-0.001', '0.125', '100', '61234.123456789'];
bench('parse', (i) => Decimal.parse(texts[i % texts.length] as string));
bench('toString', () => price.toString());
bench('add', () => price.add(quantity));
bench('sub', () => price.sub(quantity));
bench('cmp', () => price.cmp(quantity));
bench('lt', () => price.lt(quantity));
bench('mul (exact)', () => price.mul(quantity));
bench('mul x rate (rounded)', () => price.mul(quantity).mul(rate, 'ceil'));
bench('div half_even', () => price.div(quantity, 'half_even'));
bench('mulDiv', () => price.mulDiv(quantity, tick, 'half_even'));
bench('isMultipleOf (tick check)', () => price.isMultipleOf(tick));
bench('roundToStep', () => price.roundToStep(tick, 'down'));

if (sink === Symbol.for('never')) console.log('unreachable');
