// What traders were told, against what the OMS stored and what the venue holds. An acked order
// must be stored once, reach a final state, and have its every report delivered once and in seq
// order; the venue must hold exactly the orders the OMS calls open.
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { ClientOrderId, AccountId } from '@perp/trading-domain';
import { isOpenStatus } from '@perp/trading-domain';
import type { ChaosPlatform } from './chaos-platform.ts';
import type { LoadResult, SeenReport } from './order-load.ts';

export interface AuditCounts {
  /** Orders whose order.place was answered `submitted`. */
  readonly acked: number;
  /** Acked orders the OMS stored. */
  readonly stored: number;
  /** Acked orders whose final report reached the trader. */
  readonly reported: number;
  /** Acked orders not stored, left open or in flight, or missing reports (seq gaps). */
  readonly lost: number;
  /** Reports delivered twice (the same change under two seqs, or one seq twice). */
  readonly duplicated: number;
  /** Orders the venue and the OMS disagree about (open at one and not the other). */
  readonly venueMismatches: number;
  /** Orders whose place was never acked: refused for good, or given up on. */
  readonly unacked: number;
  /** Commands in the dead-letter queue: a valid command there is an order the OMS never ran. */
  readonly deadLettered: number;
  readonly details: readonly string[];
}

export async function audit(platform: ChaosPlatform, load: LoadResult): Promise<AuditCounts> {
  const details: string[] = [];
  let stored = 0;
  let reported = 0;
  let lost = 0;
  let duplicated = 0;
  const acked = load.orders.filter((order) => order.acked);
  for (const order of acked) {
    const record = await platform.backing.store.getOrderByClientOrderId(
      order.accountId as AccountId,
      order.clientOrderId as ClientOrderId,
    );
    const reports = (load.reports.get(order.accountId) ?? []).filter(
      (report) => report.clientOrderId === order.clientOrderId,
    );
    const last = reports.at(-1);
    if (record) stored += 1;
    if (last && !isOpenStatus(last.status)) reported += 1;
    if (!record) {
      lost += 1;
      details.push(`${order.clientOrderId}: acked but not stored`);
    } else if (isOpenStatus(record.value.status)) {
      lost += 1;
      details.push(
        `${order.clientOrderId}: still ${record.value.status} at the OMS (cancel ${order.cancelAcked ? 'acked' : 'not acked'}; reports ${reports.map((r) => `${r.seq}:${r.execType}/${r.status}`).join(' ') || 'none'})`,
      );
    } else if (!last || last.status !== record.value.status) {
      lost += 1;
      details.push(
        `${order.clientOrderId}: stored ${record.value.status}, last report ${last?.status ?? 'none'}`,
      );
    }
  }
  for (const [accountId, reports] of load.reports) {
    const gaps = seqGaps(reports);
    if (gaps.length > 0) {
      lost += gaps.length;
      details.push(`${accountId}: seqs missing ${gaps.slice(0, 10).join(', ')}`);
    }
    const twice = duplicates(reports);
    duplicated += twice.length;
    for (const duplicate of twice.slice(0, 10))
      details.push(`${accountId}: duplicate ${duplicate}`);
  }
  const venueMismatches = await venueDisagreements(platform, [...load.reports.keys()], details);
  const deadLettered = await deadLetterDepth(platform);
  if (deadLettered > 0) details.push(`${deadLettered} commands in the dead-letter queue`);
  return {
    acked: acked.length,
    stored,
    reported,
    lost,
    duplicated,
    venueMismatches,
    unacked: load.orders.length - acked.length,
    deadLettered,
    details,
  };
}

/** Seqs between the first and the last delivered that never arrived. */
function seqGaps(reports: readonly SeenReport[]): number[] {
  const seqs = new Set(reports.map((report) => report.seq));
  if (seqs.size === 0) return [];
  const first = Math.min(...seqs);
  const last = Math.max(...seqs);
  const missing: number[] = [];
  for (let seq = first; seq <= last; seq += 1) if (!seqs.has(seq)) missing.push(seq);
  return missing;
}

/** One seq delivered twice, or one change (order, kind, status, fill) under two seqs. */
function duplicates(reports: readonly SeenReport[]): string[] {
  const bySeq = new Set<number>();
  const byChange = new Map<string, number>();
  const found: string[] = [];
  for (const report of reports) {
    if (bySeq.has(report.seq)) found.push(`seq ${report.seq}`);
    bySeq.add(report.seq);
    const change = `${report.orderId}/${report.execType}/${report.status}/${report.filledQuantity}`;
    const earlier = byChange.get(change);
    if (earlier !== undefined && earlier !== report.seq)
      found.push(`${change} at seq ${earlier} and ${report.seq}`);
    byChange.set(change, report.seq);
  }
  return found;
}

/** The venue's open orders of these accounts against the OMS's. */
async function venueDisagreements(
  platform: ChaosPlatform,
  accounts: readonly string[],
  details: string[],
): Promise<number> {
  const response = await fetch(`${platform.backing.simVenue.url}/v1/open-orders`);
  const { orders } = (await response.json()) as {
    orders: { accountId: string; orderId: string }[];
  };
  const atVenue = new Set(
    orders.filter((order) => accounts.includes(order.accountId)).map((order) => order.orderId),
  );
  const atOms = new Set<string>();
  for (const accountId of accounts)
    for (const order of await platform.backing.store.listOpenOrders(accountId as AccountId))
      atOms.add(order.value.orderId);
  let mismatches = 0;
  for (const orderId of atVenue)
    if (!atOms.has(orderId)) {
      mismatches += 1;
      details.push(`${orderId}: open at the venue, not at the OMS`);
    }
  for (const orderId of atOms)
    if (!atVenue.has(orderId)) {
      mismatches += 1;
      details.push(`${orderId}: open at the OMS, not at the venue`);
    }
  return mismatches;
}

/** Messages in the orders queue's DLQ, visible or not (the suite's queue starts empty). */
async function deadLetterDepth(platform: ChaosPlatform): Promise<number> {
  const { Attributes } = await platform.backing.sqsClient.send(
    new GetQueueAttributesCommand({
      QueueUrl: platform.backing.deadLetterUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
