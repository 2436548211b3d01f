/** The sim-venue's answer to an index move, or its `{ code, message }` error. */
export type SimPriceOutcome =
  | { readonly ok: true; readonly symbol: string; readonly indexPrice: string }
  | { readonly ok: false; readonly line: string };

/** `sim-price`: POST /v1/admin/index-price on the sim-venue (an operator's tool, no token). */
export async function moveSimIndex(
  venueUrl: string,
  symbol: string,
  price: string,
): Promise<SimPriceOutcome> {
  let response: Response;
  try {
    response = await fetch(new URL('/v1/admin/index-price', venueUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ symbol, price }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    return {
      ok: false,
      line: `error: the sim-venue at ${venueUrl} did not answer (${(error as Error).message})`,
    };
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.ok && typeof body['indexPrice'] === 'string')
    return { ok: true, symbol, indexPrice: body['indexPrice'] };
  return {
    ok: false,
    line: `error ${String(body['code'] ?? response.status)}: ${String(body['message'] ?? response.statusText)}`,
  };
}
