export * from './matching/index.ts';
export { buildSimVenue, type SimVenueApp, type SimVenueAppOptions } from './app.ts';
export { DEFAULT_INSTRUMENTS, parseInstrumentList, type InstrumentSpec } from './instruments.ts';
