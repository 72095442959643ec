import { spawnSync } from "node:child_process";
import path from "node:path";
import { DEV_JWT_SECRET, verifyUserToken } from "@tongxin/sdk";

const cli = path.join(__dirname, "token-cli.js");
const run = (...args: string[]) => {
  const env = { ...process.env };
  delete env.JWT_SECRET;
  delete env.JWT_PUBLIC_KEY;
  return spawnSync(process.execPath, [cli, ...args], { env, encoding: "utf8", cwd: path.join(__dirname, "..") });
};

describe("npm run token", () => {
  it("prints one signed token and nothing else", () => {
    const r = run("--role", "STAFF", "--committee", "zhenxiong");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(verifyUserToken(r.stdout.trim(), { jwtSecret: DEV_JWT_SECRET })).toMatchObject({
      role: "STAFF",
      committee: "zhenxiong",
    });
    const m = run("--role", "member", "--member", "12");
    expect(verifyUserToken(m.stdout.trim(), { jwtSecret: DEV_JWT_SECRET })).toMatchObject({
      role: "MEMBER",
      memberId: "12",
    });
  });

  it("explains what is missing and prints no token", () => {
    const r = run("--role", "STAFF");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/committee/);
  });
});
