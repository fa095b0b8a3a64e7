# syntax=docker/dockerfile:1
# One image per service, all from this file: `docker build --build-arg SERVICE=auth .`
# (compose.yaml builds them all). Services run their TypeScript through tsx, as in development.

FROM node:20-bookworm-slim AS deps
WORKDIR /app

# Only the manifests first, so source edits do not invalidate the `npm ci` layer.
COPY package.json package-lock.json ./
COPY packages/kit/package.json packages/kit/
COPY packages/testkit/package.json packages/testkit/
COPY proto/package.json proto/
COPY services/gateway/package.json services/gateway/
COPY services/auth/package.json services/auth/
COPY services/session/package.json services/session/
COPY services/message/package.json services/message/
COPY services/push/package.json services/push/
COPY services/files/package.json services/files/
COPY web/package.json web/
# Install scripts stay off, as npm 11 has them locally: the native binaries the project uses
# (uWebSockets.js, esbuild, rolldown, buf) ship inside their packages and need none.
RUN npm ci --ignore-scripts --no-audit --no-fund


FROM deps AS web
COPY web web
RUN npm -w @chat/web run build


FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# The whole deps tree, not just /app/node_modules: workspaces may hold their own node_modules.
COPY --from=deps /app ./
COPY . .
COPY --from=web /app/web/dist web/dist

ARG SERVICE
ENV SERVICE=${SERVICE}
USER node

# Shell form so ${SERVICE} expands; exec makes node the process that receives stop signals.
CMD exec node --import tsx "services/${SERVICE:?set SERVICE to a folder under services/}/src/main.ts"
