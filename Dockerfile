# One image, two commands: the API (default) and the worker (`node dist/workers/main.js`).
FROM node:24-bookworm-slim AS build
WORKDIR /app
# The npm this lock file and package.json's allowScripts were made with: it runs only the install
# scripts allowed there (argon2, the embedded PostgreSQL binary, msgpackr's native decoder).
RUN npm install -g npm@11.19.1 --no-audit --no-fund
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The built web app, served by the API at /.
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
USER node
EXPOSE 3000
# Migrations run once before the API starts; the worker does not run them.
CMD ["sh", "-c", "node dist/scripts/migrate.js && node dist/src/main.js"]
