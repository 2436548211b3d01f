import { Decimal } from '@perp/decimal';
import { describe, expect, it } from 'vitest';
import { marginRemedy } from './margin-remedy.ts';
import { held } from './test-support/exposures.ts';

const d = Decimal.parse;
const text = (remedy: ReturnType<typeof marginRemedy>) => ({
  deposit: remedy.deposit.toString(),
  close: remedy.close.map((c) => `${c.side} ${c.quantity.toString()} ${c.symbol}`),
});

describe('marginRemedy', () => {
  it('at exactly the threshold a cent of deposit or one lot of close is enough', () => {
    // 1 BTC at 60 000: maintenance 3 000; equity 3 750: utilisation 0.8.
    const remedy = marginRemedy(
      {
        equity: d('3750'),
        maintenanceMargin: d('3000'),
        exposures: [held('BTC-PERP', '1', '60000')],
      },
      d('0.8'),
    );
    expect(text(remedy)).toEqual({ deposit: '0.01', close: ['sell 0.001 BTC-PERP'] });
  });

  it('sizes the close to the lot that frees just more than the excess', () => {
    // Utilisation 1.2: 1 250 short of 3 750; 1 000 of maintenance over 0.8 x 2 500.
    const remedy = marginRemedy(
      {
        equity: d('2500'),
        maintenanceMargin: d('3000'),
        exposures: [held('BTC-PERP', '1', '60000')],
      },
      d('0.8'),
    );
    // 0.333 frees 999, not more than 1 000; 0.334 frees 1 002.
    expect(text(remedy)).toEqual({ deposit: '1250.01', close: ['sell 0.334 BTC-PERP'] });
  });

  it('closes the largest exposure first, all of it, then the next', () => {
    const exposures = [held('ETH-PERP', '-10', '3000'), held('BTC-PERP', '1', '60000')];
    const remedy = marginRemedy(
      { equity: d('1000'), maintenanceMargin: d('4500'), exposures },
      d('0.8'),
    );
    // 3 700 over 800: BTC's 3 000 all, then 700 of ETH's at 150 a unit: 4.67.
    expect(text(remedy)).toEqual({
      deposit: '4625.01',
      close: ['sell 1 BTC-PERP', 'buy 4.67 ETH-PERP'],
    });
  });

  it('with equity at or below zero closes every position', () => {
    const exposures = [held('BTC-PERP', '0.5', '60000'), held('ETH-PERP', '-1', '3000')];
    const remedy = marginRemedy(
      { equity: d('-10'), maintenanceMargin: d('1650'), exposures },
      d('0.8'),
    );
    expect(text(remedy)).toEqual({
      deposit: '2072.51',
      close: ['sell 0.5 BTC-PERP', 'buy 1 ETH-PERP'],
    });
  });

  it('below the threshold there is nothing to do', () => {
    const remedy = marginRemedy(
      {
        equity: d('3750.47'),
        maintenanceMargin: d('3000'),
        exposures: [held('BTC-PERP', '1', '60000')],
      },
      d('0.8'),
    );
    expect(text(remedy)).toEqual({ deposit: '0', close: [] });
    expect(
      text(marginRemedy({ equity: d('5'), maintenanceMargin: d('0'), exposures: [] }, d('0.8'))),
    ).toEqual({ deposit: '0', close: [] });
  });

  it('never sizes a close below the minimum quantity', () => {
    const eth = held('ETH-PERP', '2', '3000');
    const remedy = marginRemedy(
      {
        equity: d('375'),
        maintenanceMargin: d('300'),
        exposures: [{ ...eth, instrument: { ...eth.instrument, minQuantity: d('0.05') } }],
      },
      d('0.8'),
    );
    expect(text(remedy).close).toEqual(['sell 0.05 ETH-PERP']);
  });
});

describe('marginRemedy with a close cost', () => {
  it('closes enough that the cost of closing does not leave it over the threshold', () => {
    // Utilisation 1.2 as above; closing costs 1 % of notional (600 a BTC): each BTC frees 3 000 of
    // maintenance and takes 0.8 x 600 = 480 off the allowance, so 1 000 / 2 520 = 0.397 at least.
    const remedy = marginRemedy(
      {
        equity: d('2500'),
        maintenanceMargin: d('3000'),
        exposures: [held('BTC-PERP', '1', '60000')],
      },
      d('0.8'),
      { closeCostRate: d('0.01') },
    );
    expect(text(remedy).close).toEqual(['sell 0.397 BTC-PERP']);
    // Check: 0.603 x 3 000 = 1 809 < 0.8 x (2 500 - 238.2) = 1 809.44.
  });
});
