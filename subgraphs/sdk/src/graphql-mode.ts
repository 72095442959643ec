/**
 * graphql-js decides once, when it is first loaded, whether it runs in development mode: only
 * `NODE_ENV === "production"` turns off its development checks (an `instanceOf` that, on every
 * type check, looks for a second copy of graphql loaded in the process — 5–16 % of a
 * subgraph's CPU, issue 13). `npm start` leaves NODE_ENV unset, and setting it would also
 * change this platform's own configuration (config.ts demands production secrets). So, when
 * NODE_ENV is unset, graphql-js alone is loaded with it set, and it is removed again at once:
 * the rest of the process sees the environment as it was. The SDK is the first import of
 * every entry point (gateway, subgraphs, plugin hosts, scripts), so this runs before anything
 * else loads graphql. Tests (jest sets NODE_ENV=test) and NODE_ENV=development keep the
 * checks, so a duplicated graphql is still caught there; TONGXIN_GRAPHQL_DEVELOPMENT=1 keeps
 * them anywhere.
 */
const env = process.env;
if (env.NODE_ENV === undefined && env.TONGXIN_GRAPHQL_DEVELOPMENT !== "1") {
  env.NODE_ENV = "production";
  try {
    require("graphql");
  } finally {
    delete env.NODE_ENV;
  }
}

export {};
