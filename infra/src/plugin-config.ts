import { isRemote, PluginsConfigError, type LocalHostConfig, type PluginsConfig } from "@tongxin/plugin-host";

/**
 * Changes to the plugin configuration, as pure functions: each returns a new configuration
 * or throws PluginsConfigError saying what is wrong. The commands (`npm run plugin:*`)
 * and the tests share them.
 */
const clone = (c: PluginsConfig): PluginsConfig => JSON.parse(JSON.stringify(c));

function hostOf(config: PluginsConfig, plugin: string): LocalHostConfig | undefined {
  return config.hosts.find((h): h is LocalHostConfig => !isRemote(h) && plugin in h.plugins);
}

/** Switches a plugin on for a committee, mounting it on `host` (default: the first local host) if needed. */
export function enablePlugin(config: PluginsConfig, plugin: string, committee: string, host?: string): PluginsConfig {
  const next = clone(config);
  let target = hostOf(next, plugin);
  if (target && host && target.name !== host) {
    throw new PluginsConfigError(`${plugin} is mounted by host ${target.name}, not ${host}`);
  }
  if (!target) {
    const locals = next.hosts.filter((h): h is LocalHostConfig => !isRemote(h));
    target = host ? locals.find((h) => h.name === host) : locals[0];
    if (!target)
      throw new PluginsConfigError(host ? `no local plugin host named ${host}` : "no local plugin host configured");
    target.plugins[plugin] = [];
  }
  if (!target.plugins[plugin].includes(committee))
    target.plugins[plugin] = [...target.plugins[plugin], committee].sort();
  return next;
}

/** Switches a plugin off for a committee; its data stays, its figures become null there. */
export function disablePlugin(config: PluginsConfig, plugin: string, committee: string): PluginsConfig {
  const next = clone(config);
  const target = hostOf(next, plugin);
  if (!target) throw new PluginsConfigError(`${plugin} is not mounted by any local host`);
  if (!target.plugins[plugin].includes(committee))
    throw new PluginsConfigError(`${plugin} is not enabled for ${committee}`);
  target.plugins[plugin] = target.plugins[plugin].filter((c) => c !== committee);
  return next;
}

/** Unmounts a plugin entirely: its fields leave the graph (its database is kept). */
export function removePlugin(config: PluginsConfig, plugin: string): PluginsConfig {
  const next = clone(config);
  const target = hostOf(next, plugin);
  if (!target) throw new PluginsConfigError(`${plugin} is not mounted by any local host`);
  delete target.plugins[plugin];
  return next;
}

/** Registers a county's own plugin host, federated by URL. */
export function addRemoteHost(config: PluginsConfig, name: string, url: string): PluginsConfig {
  const next = clone(config);
  if (next.hosts.some((h) => h.name === name)) throw new PluginsConfigError(`a host named ${name} already exists`);
  next.hosts.push({ name, url });
  return next;
}

export function removeHost(config: PluginsConfig, name: string): PluginsConfig {
  const next = clone(config);
  const index = next.hosts.findIndex((h) => h.name === name);
  if (index < 0) throw new PluginsConfigError(`no host named ${name}`);
  next.hosts.splice(index, 1);
  return next;
}
