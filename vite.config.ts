import { defineConfig, type Plugin } from 'vite';

/** Removes `@media screen\0 ...` blocks: hacks for Internet Explorer 8-10 that lightningcss cannot parse. */
function dropIeMediaHacks(css: string): string {
  let out = '';
  let from = 0;
  for (let at = css.indexOf('@media screen\\0', from); at >= 0; at = css.indexOf('@media screen\\0', from)) {
    out += css.slice(from, at);
    let depth = 0;
    let i = css.indexOf('{', at);
    for (; i < css.length; i++) {
      if (css[i] === '{') depth++;
      else if (css[i] === '}' && --depth === 0) break;
    }
    from = i + 1;
  }
  return out + css.slice(from);
}

/**
 * Adapts the compiled NHS.UK frontend stylesheet to Accord's content security policy
 * (`font-src 'self'`, `img-src 'self' data:`): the licensed Frutiger web fonts are served from
 * assets.nhs.uk, so their @font-face rules are dropped (the stack falls back to Arial), and the
 * root-relative icon URLs are pointed at the package's own assets so Vite bundles or inlines them.
 * Old Internet Explorer hacks go too (see dropIeMediaHacks), and so does the stale source map link.
 */
function nhsukStylesForCsp(): Plugin {
  return {
    name: 'accord:nhsuk-styles-for-csp',
    enforce: 'pre',
    transform(code, id) {
      if (!/nhsuk-frontend[\\/]dist[\\/]nhsuk[\\/][^?]*\.css(\?.*)?$/.test(id)) return null;
      const css = dropIeMediaHacks(code)
        .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '')
        .replace(/@font-face\s*{[^}]*assets\.nhs\.uk[^}]*}/g, '')
        .replaceAll('url(/assets/images/', 'url(./assets/images/');
      return { code: css, map: null };
    },
  };
}

// The web app lives in src/web and is built into dist/web, which the server serves.
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [nhsukStylesForCsp()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Production maps would double the output and the build time; `vite` (dev) still has them.
    sourcemap: false,
    // Every supported browser has native module preload; skip the polyfill.
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: {
      // React Query marks its modules "use client" for server-component bundlers; meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      // Libraries change less often than Accord: a separate chunk stays cached across releases.
      output: {
        codeSplitting: {
          groups: [
            // Observable Plot and its d3 dependencies load only with the activity chart.
            {
              name: 'plot',
              test: /[\\/]node_modules[\\/](@observablehq|d3|d3-[a-z-]+|internmap|delaunator|robust-predicates|interval-tree-1d|binary-search-bounds|isoformat)[\\/]/,
              priority: 2,
            },
            { name: 'vendor', test: /[\\/]node_modules[\\/].*\.[cm]?js$/, priority: 1 },
          ],
        },
      },
    },
  },
  // `vite` serves the UI with reloads; API calls go to a running Accord (npm run dev, port 8080).
  server: { proxy: { '/api': process.env.ACCORD_API_URL ?? 'http://127.0.0.1:8080' } },
  oxc: { jsx: { runtime: 'automatic' } },
});
