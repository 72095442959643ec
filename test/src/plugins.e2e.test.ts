import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  changePlugins,
  enablePlugin,
  PLUGINS_DIR,
  REPO_ROOT,
  removePlugin,
  scaffoldPlugin,
  STACK_INTERNAL_SECRET,
  type Stack,
} from "@tongxin/infra";
import { readPluginsConfig } from "@tongxin/plugin-host";
import { databasesUnderTest } from "@tongxin/sdk/dist/testing";
import { codeOf, seededStack } from "./helpers";

type Figures = {
  code: string;
  memberStats: { activeMembers: number } | null;
  courtyardStats: { sessions: number; byTheme: { theme: string; sessions: number }[] } | null;
  chishuiStats: { sections: number; readings: number; shareClassIIOrBetter: number | null } | null;
};
const FIGURES = `code memberStats { activeMembers }
  courtyardStats(year: 2023) { sessions byTheme { theme sessions } }
  chishuiStats(year: 2023) { sections readings shareClassIIOrBetter }`;

/** A plugins folder for this run: the real plugins, plus ones the scaffold writes. */
function pluginsFolder(): string {
  const dir = path.join(REPO_ROOT, ".tmp-scaffold", `run-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const p of ["courtyard", "chishui"]) fs.symlinkSync(path.join(PLUGINS_DIR, p), path.join(dir, p));
  return dir;
}

function scaffoldAndBuild(dir: string, name: string, committee: string, edit?: (root: string) => void): void {
  scaffoldPlugin({ name, committee, dir, repoRoot: REPO_ROOT });
  edit?.(path.join(dir, name));
  const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", path.join(dir, name)], {
    encoding: "utf8",
  });
  if (tsc.status !== 0) throw new Error(`scaffolded plugin ${name} does not compile:\n${tsc.stdout}${tsc.stderr}`);
}

describe.each(databasesUnderTest())("county plugins ($kind)", (db) => {
  let stack: Stack;
  let dir: string;
  let city: string;

  beforeAll(async () => {
    dir = pluginsFolder();
    stack = await seededStack(db.freshUrl(), { pluginsDir: dir });
    city = stack.token({ role: "STAFF", committee: "zhaotong" });
  });
  afterAll(async () => {
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const admin = () => ({
    configPath: stack.pluginsConfigPath,
    pluginsDir: dir,
    supergraphPath: stack.supergraphPath,
    internalSecret: STACK_INTERNAL_SECRET,
    urlOf: (s: { name: string }) => stack.subgraphs.get(s.name)!.url,
    hostReadyz: (name: string) => stack.subgraphs.get(name)?.url.replace(/\/graphql$/, "/readyz") ?? null,
    gatewayReadyz: stack.gatewayUrl.replace(/\/graphql$/, "/readyz"),
    // Returns as soon as the host serves the change; the margin is for a busy machine (CI under load).
    waitMs: 60_000,
    log: () => undefined,
  });

  it("answers the core figures and every enabled plugin's for the city and each county, null where not enabled", async () => {
    const r = await stack.query<{ committee: Figures & { children: Figures[] }; withCounties: Figures }>(
      city,
      `{ committee(code: "zhaotong") { ${FIGURES} children { ${FIGURES} } }
         withCounties: committee(code: "zhaotong") { code memberStats { activeMembers }
           courtyardStats(year: 2023, includeDescendants: true) { sessions byTheme { theme sessions } }
           chishuiStats(year: 2023, includeDescendants: true) { sections readings shareClassIIOrBetter } } }`,
    );
    expect(r.errors).toBeUndefined();
    const counties = r.data!.committee.children;
    expect(counties).toHaveLength(11);
    expect(r.data!.committee.courtyardStats).toBeNull(); // the city does not hold courtyard consultations itself
    const enabled = readPluginsConfig(stack.pluginsConfigPath).hosts[0] as { plugins: Record<string, string[]> };
    for (const c of counties) {
      expect(c.memberStats!.activeMembers).toBeGreaterThan(0);
      expect(c.courtyardStats === null).toBe(!enabled.plugins.courtyard.includes(c.code));
      expect(c.chishuiStats === null).toBe(!enabled.plugins.chishui.includes(c.code));
    }
    // The city's aggregate is the sum of its counties', and matches the source report.
    const sum = counties.reduce((n, c) => n + (c.courtyardStats?.sessions ?? 0), 0);
    const agg = r.data!.withCounties.courtyardStats!;
    expect(agg.sessions).toBe(sum);
    expect(agg.sessions).toBe(162 + 57);
    expect(agg.byTheme.find((t) => t.theme === "PUFA_QIANGJI")!.sessions).toBe(162);
    const chishui = r.data!.withCounties.chishuiStats!;
    expect(chishui.readings).toBe(counties.reduce((n, c) => n + (c.chishuiStats?.readings ?? 0), 0));
    expect(chishui.sections).toBe(8);
  });

  it("refuses writes from a county where the plugin is not enabled", async () => {
    const r = await stack.query(
      stack.token({ role: "STAFF", committee: "suijiang" }),
      `mutation { courtyardRecordSession(input: { heldOn: "2024-05-01", township: "中城镇", village: "大坪村", theme: OTHER, topic: "x", participants: 10, organiserIds: ["1"] }) { id } }`,
    );
    expect(codeOf(r.errors)).toBe("FORBIDDEN");
    expect(r.errors![0].extensions!.field).toBe("input.committee");
  });

  it("mounts a scaffolded plugin for a county on the running platform, without restarting the gateway", async () => {
    scaffoldAndBuild(dir, "xiangshi", "zhenxiong");
    const before = await stack.query(
      city,
      `{ committee(code: "zhenxiong") { xiangshiStats(year: 2024) { records } } }`,
    );
    expect(codeOf(before.errors)).toBe("GRAPHQL_VALIDATION_FAILED");
    const port = stack.gateway.port;

    await changePlugins(admin(), (c) => enablePlugin(c, "xiangshi", "zhenxiong"));

    const zx = stack.token({ role: "STAFF", committee: "zhenxiong" });
    const created = await stack.query(
      zx,
      `mutation { xiangshiCreateRecord(input: { happenedOn: "2024-04-02", title: "乡贤议事会", participants: 25 }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    const stats = await stack.query<{
      committee: {
        xiangshiStats: { records: number; participants: number } | null;
        children: { code: string; xiangshiStats: unknown }[];
      };
    }>(
      city,
      `{ committee(code: "zhaotong") { xiangshiStats(year: 2024, includeDescendants: true) { records participants } children { code xiangshiStats(year: 2024) { records } } } }`,
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data!.committee.xiangshiStats).toEqual({ records: 1, participants: 25 });
    expect(stats.data!.committee.children.filter((c) => c.xiangshiStats !== null).map((c) => c.code)).toEqual([
      "zhenxiong",
    ]);
    expect(stack.gateway.port).toBe(port);
    const other = await stack.query(
      stack.token({ role: "STAFF", committee: "weixin" }),
      `mutation { xiangshiCreateRecord(input: { happenedOn: "2024-04-02", title: "x" }) { id } }`,
    );
    expect(codeOf(other.errors)).toBe("FORBIDDEN");
  });

  it("refuses a colliding plugin, naming both, and keeps serving the previous graph", async () => {
    // A plugin "court" that also contributes Committee.courtyardStats.
    scaffoldAndBuild(dir, "court", "weixin", (root) => {
      const file = path.join(root, "src/stats/stats.ts");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("async courtStats(", "async courtyardStats("));
    });
    const configBefore = fs.readFileSync(stack.pluginsConfigPath, "utf8");
    const supergraphBefore = fs.readFileSync(stack.supergraphPath, "utf8");
    await expect(changePlugins(admin(), (c) => enablePlugin(c, "court", "weixin"))).rejects.toThrow(
      /Committee\.courtyardStats is declared by both (courtyard and court|court and courtyard)\b/,
    );
    expect(fs.readFileSync(stack.pluginsConfigPath, "utf8")).toBe(configBefore);
    expect(fs.readFileSync(stack.supergraphPath, "utf8")).toBe(supergraphBefore);
    const still = await stack.query(
      city,
      `{ committee(code: "zhenxiong") { courtyardStats(year: 2023) { sessions } } }`,
    );
    expect(still.errors).toBeUndefined();
  });

  it("keeps the core graph working when a plugin is removed", async () => {
    await changePlugins(admin(), (c) => removePlugin(c, "chishui"));
    const gone = await stack.query(city, `{ committee(code: "zhenxiong") { chishuiStats(year: 2023) { sections } } }`);
    expect(codeOf(gone.errors)).toBe("GRAPHQL_VALIDATION_FAILED");
    const core = await stack.query<{
      committee: { memberStats: { activeMembers: number }; courtyardStats: { sessions: number } };
    }>(
      city,
      `{ committee(code: "zhenxiong") { memberStats { activeMembers } courtyardStats(year: 2023) { sessions } } }`,
    );
    expect(core.errors).toBeUndefined();
    expect(core.data!.committee.memberStats.activeMembers).toBeGreaterThan(0);
  });

  it("switches the gateway before the host unmounts: queries during plugin:remove never fail inside", async () => {
    const q = `{ committee(code: "zhenxiong") { memberStats { activeMembers } courtyardStats(year: 2023) { sessions } } }`;
    const seen: string[] = [];
    let removing = true;
    const loop = async () => {
      // Until the removal is done, and then until the graph without courtyard is seen.
      while (removing || seen[seen.length - 1] !== "GRAPHQL_VALIDATION_FAILED") {
        const r = await stack.query(city, q);
        seen.push(r.errors ? String(codeOf(r.errors)) : "ok");
      }
    };
    const loops = [loop(), loop(), loop()];
    await changePlugins(admin(), (c) => removePlugin(c, "courtyard"));
    removing = false;
    await Promise.all(loops);
    // Before the switch the field answers; after it the gateway refuses it up front; nothing in between.
    expect(seen.filter((s) => s !== "ok" && s !== "GRAPHQL_VALIDATION_FAILED")).toEqual([]);
    expect(seen[0]).toBe("ok");
    const host = (await (await fetch(admin().hostReadyz("plugins")!)).json()) as { plugins: Record<string, string[]> };
    expect(Object.keys(host.plugins)).not.toContain("courtyard");
  });
});
