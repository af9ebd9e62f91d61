# syntax=docker/dockerfile:1
#
# The container image of any one service: its esbuild server bundle (`npm run bundle -- <service>
# --kind server`) on Node.js 22, with only the packages the bundle leaves external installed
# beside it. Needs BuildKit (the default builder): cache mounts and a heredoc.
#
#   docker build --build-arg SERVICE=hr --build-arg PORT=8082 -t konecta-hr .
#
# SERVICE is a name from packages/core/src/catalogue.ts and PORT its catalogue port (the image's
# default PORT, what it EXPOSEs and what its HEALTHCHECK asks; the stacks set PORT as well). Run it
# with KONECTA_STAGE and DATABASE_URL or DATABASE_SECRET_ARN (plus AUTH_JWKS_URL and EVENT_BUS_NAME
# outside local stages). Migrations are not in the image: the deploy's migration step applies them.
# stacks/container.test.ts checks this file against the catalogue and runs what it would run.

FROM node:22-bookworm-slim AS base

# ---- 1. which service: a name outside the catalogue, or a port other than its own, fails at once
FROM base AS target
ARG SERVICE
ARG PORT
RUN case "${SERVICE}" in \
      gateway) port=8080 ;; \
      auth) port=8081 ;; \
      hr) port=8082 ;; \
      finance) port=8083 ;; \
      operation) port=8085 ;; \
      reporting) port=5156 ;; \
      discovery) port=8761 ;; \
      config) port=8888 ;; \
      *) echo "Unknown service '${SERVICE}': build with --build-arg SERVICE=<gateway|auth|hr|finance|operation|reporting|discovery|config>" >&2; \
         exit 1 ;; \
    esac; \
    if [ "${PORT}" != "${port}" ]; then \
      echo "${SERVICE} listens on ${port} in the catalogue: build with --build-arg PORT=${port} (got '${PORT}')" >&2; \
      exit 1; \
    fi; \
    echo "${SERVICE}" > /service

# ---- 2. the bundle: dependencies from the lock file first (a layer every service shares while
# no package.json or the lock file changes), then the sources
FROM base AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/auth/package.json packages/auth/
COPY packages/config/package.json packages/config/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/discovery/package.json packages/discovery/
COPY packages/finance/package.json packages/finance/
COPY packages/gateway/package.json packages/gateway/
COPY packages/hr/package.json packages/hr/
COPY packages/local/package.json packages/local/
COPY packages/operation/package.json packages/operation/
COPY packages/reporting/package.json packages/reporting/
# No install script is needed to bundle (esbuild finds its binary in its platform package), and
# skipping them keeps the build off the network beyond the registry.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY packages/ packages/
ARG SERVICE
# The mount makes this step wait for stage 1's check.
RUN --mount=type=bind,from=target,source=/service,target=/tmp/service \
    npm run bundle -- "${SERVICE}" --kind server \
    && test -f ".build/server/${SERVICE}/index.mjs"

# ---- 3. the runtime packages: the externals of the server bundles (externalsFor in
# packages/core/src/build/bundle.ts) and everything they need, cut out of the repository's lock
# file, so the versions and integrity hashes are the ones development and CI run. PGlite is
# external too but only loads without a DATABASE_URL, which a container never runs with.
FROM base AS deps
WORKDIR /deps
COPY package-lock.json ./
RUN node <<'JS'
const fs = require('node:fs');
const externals = ['@node-rs/argon2', 'exceljs', 'pdf-lib'];
const { packages } = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
// Node's lookup on lock-file paths: node_modules/a/node_modules/b, then node_modules/b.
const find = (from, name) => {
  for (let dir = from; ; dir = dir.slice(0, Math.max(dir.lastIndexOf('/node_modules/'), 0))) {
    const path = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[path]) return path;
    if (!dir) return undefined;
  }
};
const keep = {};
const visit = (path) => {
  if (keep[path]) return;
  const { dev, devOptional, peer, ...entry } = packages[path];
  keep[path] = devOptional ? { ...entry, optional: true } : entry;
  const optionalPeers = Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, meta]) => meta.optional);
  const optional = new Set([...Object.keys(entry.optionalDependencies ?? {}), ...optionalPeers.map(([name]) => name)]);
  const names = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
  for (const name of Object.keys(names)) {
    const found = find(path, name);
    if (found) visit(found);
    else if (!optional.has(name)) throw new Error(`package-lock.json has no ${name} for ${path}`);
  }
};
const dependencies = {};
for (const name of externals) {
  const path = `node_modules/${name}`;
  if (!packages[path]) throw new Error(`package-lock.json has no ${path}`);
  visit(path);
  dependencies[name] = packages[path].version;
}
const root = { name: 'konecta-runtime', version: '0.0.0', dependencies };
fs.writeFileSync('package.json', `${JSON.stringify({ ...root, private: true }, null, 2)}\n`);
const lock = { ...root, lockfileVersion: 3, requires: true, packages: { '': root, ...keep } };
fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`runtime packages: ${Object.keys(keep).length} (${Object.entries(dependencies).map((d) => d.join('@')).join(', ')})`);
JS
# No package among them has an install script (stacks/container.test.ts checks the lock file).
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- 4. the image: the bundle and those packages, read-only to the user it runs as
FROM base
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="konecta-${SERVICE}" \
      org.opencontainers.image.description="Konecta ERP ${SERVICE} service"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=${PORT}
WORKDIR /app
COPY --from=deps /deps/node_modules ./node_modules
COPY --from=build /src/.build/server/${SERVICE}/ ./
# Local stages keep generated keys under ./.data; deployed ones read them from Secrets Manager.
RUN install -d -o node -g node /app/.data
USER node
EXPOSE ${PORT}
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "index.mjs"]
