import { parsePluginsConfig, PluginsConfigError, type PluginsConfig } from "@tongxin/plugin-host";
import { addRemoteHost, disablePlugin, enablePlugin, removeHost, removePlugin } from "./plugin-config";

const base: PluginsConfig = {
  hosts: [
    { name: "plugins", port: 4010, plugins: { courtyard: ["zhenxiong"] } },
    { name: "plugins_weixin", url: "http://10.0.0.5:4010/graphql" },
  ],
};

describe("plugin configuration changes", () => {
  it("enables, disables and removes without touching the input", () => {
    const a = enablePlugin(base, "courtyard", "weixin");
    expect(a.hosts[0]).toMatchObject({ plugins: { courtyard: ["weixin", "zhenxiong"] } });
    expect(base.hosts[0]).toMatchObject({ plugins: { courtyard: ["zhenxiong"] } });
    const b = enablePlugin(a, "chishui", "zhenxiong");
    expect(b.hosts[0]).toMatchObject({ plugins: { chishui: ["zhenxiong"] } });
    expect(disablePlugin(b, "courtyard", "weixin").hosts[0]).toMatchObject({ plugins: { courtyard: ["zhenxiong"] } });
    expect(Object.keys((removePlugin(b, "courtyard").hosts[0] as { plugins: object }).plugins)).toEqual(["chishui"]);
  });

  it("says what is wrong", () => {
    expect(() => disablePlugin(base, "courtyard", "weixin")).toThrow(/not enabled for weixin/);
    expect(() => removePlugin(base, "chishui")).toThrow(PluginsConfigError);
    expect(() => enablePlugin(base, "courtyard", "weixin", "plugins_x")).toThrow(/mounted by host plugins/);
    expect(() => addRemoteHost(base, "plugins_weixin", "http://x")).toThrow(/already exists/);
    expect(removeHost(base, "plugins_weixin").hosts).toHaveLength(1);
  });

  it("validates the file, naming the entry", () => {
    expect(() => parsePluginsConfig("{")).toThrow(/not valid JSON/);
    expect(() => parsePluginsConfig(JSON.stringify({ hosts: [{ name: "Bad-Name", port: 1, plugins: {} }] }))).toThrow(
      /hosts\[0\]\.name/,
    );
    expect(() =>
      parsePluginsConfig(
        JSON.stringify({
          hosts: [
            { name: "host_a", port: 4010, plugins: { courtyard: [] } },
            { name: "host_b", port: 4011, plugins: { courtyard: [] } },
          ],
        }),
      ),
    ).toThrow(/already mounted by host host_a/);
    expect(() => parsePluginsConfig(JSON.stringify({ hosts: [{ name: "remote", url: "ftp://x" }] }))).toThrow(
      /needs either/,
    );
  });

  it("names the field zod refuses, and keeps what it does not know", () => {
    const one = (host: Record<string, unknown>) => () => parsePluginsConfig(JSON.stringify({ hosts: [host] }));
    expect(one({ name: "host_a", port: 0, plugins: {} })).toThrow(/hosts\[0\]\.port must be a port number/);
    expect(one({ name: "host_a", port: 4010, plugins: { Bad: [] } })).toThrow(/plugins\.Bad is not a plugin name/);
    expect(one({ name: "host_a", port: 4010, plugins: { courtyard: [1] } })).toThrow(/courtyard\[0\] must be a list/);
    expect(() => parsePluginsConfig("{}")).toThrow(/"hosts" must be a list/);
    const host = { name: "host_a", port: 4010, plugins: { courtyard: ["zhenxiong"] }, note: "县里的" };
    expect(parsePluginsConfig(JSON.stringify({ hosts: [host] })).hosts).toEqual([host]);
  });
});
