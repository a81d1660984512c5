// The V8 flags the server runs with (package.json's start and serve, the e2e server and every bench
// process pass them; node-flags.test.ts holds them in step). A history read allocates a few
// hundred short-lived objects per customer; with V8's default 16 MB young generation, streaming
// 100,000 histories spends half its time collecting garbage. 64 MB halves the decode time (measured
// in docs/decisions/014-history-streaming.md) for 192 MB more of address space at most.
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
