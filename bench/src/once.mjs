/**
 * The body of every cold-start / bundle program: construct the client, make one call to the canned server
 * (BENCH_ENDPOINT) and report peak RSS. With BENCH_NO_CALL=1 it stops after construction, which times
 * import + construct alone.
 */
export async function once(create) {
  const endpoint = process.env.BENCH_ENDPOINT ?? 'http://127.0.0.1:9';
  const call = create({ endpoint });
  let ok = null;
  if (process.env.BENCH_NO_CALL !== '1') {
    await call();
    ok = true;
  }
  process.stdout.write(`${JSON.stringify({ ok, maxRSSKiB: process.resourceUsage().maxRSS })}\n`);
  // Exit explicitly so that idle keep-alive sockets of any client do not add their own linger time.
  process.exit(0);
}
