// Stops the throwaway PostgreSQL cluster the global setup started, if it started one.
module.exports = async () => {
  await globalThis.__svodPostgres?.stop();
};
