// The one crossing between the domain's records and the contract's wire shapes.
export { decimalText, decimalTextOrNull } from './decimal-text.ts';
export { newOrderOf } from './new-order.ts';
export { orderEventOf, type VenueEventCommand } from './order-event-of.ts';
export { wireAccountSnapshot } from './wire-account-snapshot.ts';
export { wireFill } from './wire-fill.ts';
export { wireInstrument } from './wire-instrument.ts';
export { wireOrder } from './wire-order.ts';
export { wirePosition } from './wire-position.ts';
export { wireReport } from './wire-report.ts';
export { notificationOfRequest } from './notification-of-request.ts';
export { reportFieldsOf } from './report-fields-of.ts';
