import { parseArgs } from "node:util";
import { loadConfig, signUserToken } from "@tongxin/sdk";
import dotenv from "dotenv";

const USAGE = `usage: npm run -s token -- --role STAFF --committee CODE
       npm run -s token -- --role MEMBER --member ID
       npm run -s token -- --role UNIT --unit ID [--committee CODE]
       npm run -s token -- --role ADMIN             (platform administrator: setup mutations only)
options: --name NAME  --expires 30d`;

/** Prints a signed user token, and only that, for local use (API.md). */
function main() {
  dotenv.config({ quiet: true });
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      committee: { type: "string" },
      member: { type: "string" },
      unit: { type: "string" },
      name: { type: "string" },
      expires: { type: "string", default: "30d" },
      help: { type: "boolean" },
    },
  });
  if (values.help || !values.role) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig();
  if (!config.jwtSecret) {
    console.error("JWT_SECRET is not set: tokens for a JWT_PUBLIC_KEY deployment come from the identity provider");
    process.exit(2);
  }
  try {
    const token = signUserToken(
      {
        role: values.role.toUpperCase(),
        committee: values.committee,
        member: values.member,
        unit: values.unit,
        name: values.name,
        expiresIn: values.expires,
      },
      config.jwtSecret,
    );
    process.stdout.write(`${token}\n`);
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
}

main();
