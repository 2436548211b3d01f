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
    // Linear: the close's notional is quantity x mark, 0.334 x 60 000.
    expect(remedy.close[0]?.notional.toString()).toBe('20040');
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

describe('marginRemedy for an inverse instrument', () => {
  it('closes the contracts that bring utilisation back under the threshold, whatever the mark', () => {
    // 60 000 contracts (60 000 USD) of BTCUSD-INV: maintenance 60 000 x 0.05 = 3 000 at any mark.
    // Equity 2 500, threshold 0.8: allowance 2 000, excess 1 000. Each contract frees 1 x 0.05, so
    // 1 000 / 0.05 = 20 000 contracts leave exactly 40 000 x 0.05 = 2 000, not strictly under;
    // 20 001 leave 39 999 x 0.05 = 1 999.95 < 2 000. Deposit: 3 000 / 0.8 - 2 500 = 1 250, + 1 cent.
    for (const mark of ['50000', '0.5']) {
      const remedy = marginRemedy(
        {
          equity: d('2500'),
          maintenanceMargin: d('3000'),
          exposures: [held('BTCUSD-INV', '60000', mark)],
        },
        d('0.8'),
      );
      expect(text(remedy)).toEqual({ deposit: '1250.01', close: ['sell 20001 BTCUSD-INV'] });
      // The notional of 20 001 contracts is 20 001 USD, not 20 001 x mark.
      expect(remedy.close[0]?.notional.toString()).toBe('20001');
    }
  });

  it('charges the close cost on the contracts themselves', () => {
    // As above at mark 50 000, closing costing 1 % of notional: each contract frees 0.05 and takes
    // 0.8 x 0.01 = 0.008 off the allowance, 0.042 net: 1 000 / 0.042 = 23 809.5… contracts.
    // 23 809: 36 191 x 0.05 = 1 809.55, not under 0.8 x (2 500 - 238.09) = 1 809.528.
    // 23 810: 36 190 x 0.05 = 1 809.5 < 0.8 x (2 500 - 238.1) = 1 809.52.
    // (Costing 1 % of 23 810 x 50 000 instead would leave no partial close enough.)
    const remedy = marginRemedy(
      {
        equity: d('2500'),
        maintenanceMargin: d('3000'),
        exposures: [held('BTCUSD-INV', '-60000', '50000')],
      },
      d('0.8'),
      { closeCostRate: d('0.01') },
    );
    expect(text(remedy).close).toEqual(['buy 23810 BTCUSD-INV']);
  });

  it('ranks an inverse exposure by its contracts, not contracts x mark', () => {
    // ETH: 10 x 3 000 = 30 000 notional, maintenance 1 500; BTCUSD-INV: 20 000 contracts at 50 000
    // = 20 000 notional, maintenance 1 000. Equity 1 000, threshold 0.8: 2 500 over an allowance
    // of 800. ETH first: 1 700 / 150 a unit is more than its 10, so all of it; 1 000 left, 200
    // over: 200 / 0.05 = 4 000 contracts leave exactly 800, so 4 001 (15 999 x 0.05 = 799.95).
    // Deposit: 2 500 / 0.8 - 1 000 = 2 125, + 1 cent.
    const exposures = [held('BTCUSD-INV', '20000', '50000'), held('ETH-PERP', '-10', '3000')];
    const remedy = marginRemedy(
      { equity: d('1000'), maintenanceMargin: d('2500'), exposures },
      d('0.8'),
    );
    expect(text(remedy)).toEqual({
      deposit: '2125.01',
      close: ['buy 10 ETH-PERP', 'sell 4001 BTCUSD-INV'],
    });
    expect(remedy.close.map((c) => c.notional.toString())).toEqual(['30000', '4001']);
  });

  it('with equity at or below zero closes every contract at its notional', () => {
    const exposures = [held('BTCUSD-INV', '-30000', '50000'), held('ETH-PERP', '1', '3000')];
    const remedy = marginRemedy(
      { equity: d('-10'), maintenanceMargin: d('1650'), exposures },
      d('0.8'),
    );
    expect(remedy.close.map((c) => `${c.side} ${c.quantity.toString()} ${c.symbol}`)).toEqual([
      'buy 30000 BTCUSD-INV',
      'sell 1 ETH-PERP',
    ]);
    expect(remedy.close.map((c) => c.notional.toString())).toEqual(['30000', '3000']);
  });
});
