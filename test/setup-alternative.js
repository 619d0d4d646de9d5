// The sandbox alternative of this jest project (jest.alternatives.config.js sets it as a global):
// every sandbox the tests start plays it (sandbox/server.ts reads KICKSERV_SANDBOX_ALTERNATIVE).
process.env.KICKSERV_SANDBOX_ALTERNATIVE = globalThis.KICKSERV_SANDBOX_ALTERNATIVE;
