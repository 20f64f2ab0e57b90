export interface Route {
  readonly method: string;
  readonly path: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const MAPPED = /Mapped \{(\/[^,]*), ([A-Z]+)\} route/;

/**
 * The routes Nest registered, read from the api process's own start-up log (RouterExplorer's
 * `Mapped {/path, METHOD} route` lines): what the running app serves, not a list kept by hand.
 */
export function registeredRoutes(output: string): Route[] {
  return output
    .replace(ANSI, '')
    .split('\n')
    .map((line) => MAPPED.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ method: match[2] ?? '', path: (match[1] ?? '').replace(/^\/api\/v1/, '') }));
}

/** A concrete path for a route: every `:param` filled with a well-formed value. */
export function concretePath(path: string, values: Readonly<Record<string, string>>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return value;
  });
}
