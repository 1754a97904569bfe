// The `server-postgres` jest project: the server suites' test servers run on PostgreSQL (sync-server/test/helpers.ts).
process.env.SVOD_TEST_STORE = 'postgres';
