# syntax=docker/dockerfile:1
# Skyrocket API: build with the full toolchain, run with production dependencies only.

# Node 22 LTS: Node 20 reached end of life in April 2026. The code and CI also run on Node 20 (engines >=20).
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- dependencies for building (dev included) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.scripts.json ./
COPY src ./src
COPY scripts/admin.ts scripts/seed.ts scripts/finish-build.mjs ./scripts/
# src/ compiles to dist/ (dist/server.js, dist/db/client.js, ...), the operator scripts to
# dist/scripts/admin.js and dist/scripts/seed.js (no tsx in the image).
RUN npm run build

# ---- production dependencies only ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=prod-deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json ./
# The package scripts an operator runs in the container, on the compiled code (tsx is a dev
# dependency): `docker compose exec api npm run admin -- grant someone@example.org`, `npm run seed`,
# `npm run db:migrate`.
RUN npm pkg set \
      'scripts.start=node --max-semi-space-size=64 dist/server.js' \
      'scripts.db:migrate=node dist/db/migrate.js' \
      'scripts.seed=node dist/scripts/seed.js' \
      'scripts.admin=node dist/scripts/admin.js'
COPY --from=build --chown=root:root /app/dist ./dist
# dist/db/client.js resolves its migrations at ../../migrations, i.e. /app/migrations.
COPY --chown=root:root migrations ./migrations
# The code is read-only for the app user; only the data dir (embedded PGlite, if no DATABASE_URL) is writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# No curl in slim images: ask Node's fetch. Readiness covers the database and shutdown.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself (close-with-grace): readiness fails, in-flight requests finish.
CMD ["node", "--max-semi-space-size=64", "dist/server.js"]
