// A schema's own message explains a malformed value; a missing value falls through to the caller's
// error map (the params validator says "is required"), so the reason names the real problem.
export function unlessMissing(
  message: string,
): (issue: { readonly input?: unknown }) => string | undefined {
  return (issue) => (issue.input === undefined ? undefined : message);
}
