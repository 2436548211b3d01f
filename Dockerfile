# syntax=docker/dockerfile:1
# One image per Node service of the monorepo: `docker build --build-arg APP=<app> -t perp/<app> .`
# APP ∈ oms | ws-gateway | market-maker | notifier | sim-venue | margin-call | identity.
# Node 24 runs the TypeScript sources directly (type stripping), so there is no build step.

# deps: the production dependencies of every workspace, from the lock file only. Only the
# package.json files are copied, so this layer is rebuilt when dependencies change, not code;
# and APP is not used here, so all seven images share it.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/margin-call/package.json apps/margin-call/package.json
COPY apps/market-maker/package.json apps/market-maker/package.json
COPY apps/notifier/package.json apps/notifier/package.json
COPY apps/oms/package.json apps/oms/package.json
COPY apps/sim-venue/package.json apps/sim-venue/package.json
COPY apps/ws-gateway/package.json apps/ws-gateway/package.json
COPY libs/adapters/account-views/package.json libs/adapters/account-views/package.json
COPY libs/adapters/auth/package.json libs/adapters/auth/package.json
COPY libs/adapters/feeds/package.json libs/adapters/feeds/package.json
COPY libs/adapters/redis/package.json libs/adapters/redis/package.json
COPY libs/adapters/sqs/package.json libs/adapters/sqs/package.json
COPY libs/adapters/trader-client/package.json libs/adapters/trader-client/package.json
COPY libs/adapters/trading-store/package.json libs/adapters/trading-store/package.json
COPY libs/adapters/venue/package.json libs/adapters/venue/package.json
COPY libs/contracts/messages/package.json libs/contracts/messages/package.json
COPY libs/domain/decimal/package.json libs/domain/decimal/package.json
COPY libs/domain/margin-calls/package.json libs/domain/margin-calls/package.json
COPY libs/domain/market-making/package.json libs/domain/market-making/package.json
COPY libs/domain/notifications/package.json libs/domain/notifications/package.json
COPY libs/domain/trading/package.json libs/domain/trading/package.json
COPY libs/platform/config/package.json libs/platform/config/package.json
COPY libs/platform/demo-seed/package.json libs/platform/demo-seed/package.json
COPY libs/platform/http/package.json libs/platform/http/package.json
COPY libs/platform/local-stack/package.json libs/platform/local-stack/package.json
COPY libs/platform/logger/package.json libs/platform/logger/package.json
COPY libs/platform/resources/package.json libs/platform/resources/package.json
COPY libs/platform/retry/package.json libs/platform/retry/package.json
COPY libs/platform/shutdown/package.json libs/platform/shutdown/package.json
COPY libs/platform/test-services/package.json libs/platform/test-services/package.json
COPY infra/package.json infra/package.json
COPY tools/bench/package.json tools/bench/package.json
COPY tools/chaos/package.json tools/chaos/package.json
COPY tools/e2e/package.json tools/e2e/package.json
COPY tools/hostile/package.json tools/hostile/package.json
COPY tools/identity/package.json tools/identity/package.json
COPY tools/stack/package.json tools/stack/package.json
COPY tools/trade/package.json tools/trade/package.json
COPY tools/venue/package.json tools/venue/package.json
COPY tools/workspace/package.json tools/workspace/package.json
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# runtime: node_modules from deps plus the sources the services run from.
FROM node:24-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production \
    APP=${APP} \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=8080 \
    MARKET_MAKER_HOST=0.0.0.0 \
    MARKET_MAKER_PORT=8080 \
    NOTIFIER_HOST=0.0.0.0 \
    NOTIFIER_PORT=8080 \
    SIM_VENUE_HOST=0.0.0.0 \
    SIM_VENUE_PORT=8080 \
    MARGIN_CALL_HOST=0.0.0.0 \
    MARGIN_CALL_PORT=8080 \
    IDENTITY_HOST=0.0.0.0 \
    IDENTITY_PORT=8080
WORKDIR /app
RUN test -n "${APP}" || (echo 'build with --build-arg APP=<app>' >&2 && exit 1)
COPY --from=deps /app ./
COPY apps ./apps
COPY libs ./libs
COPY tools/identity ./tools/identity
COPY tools/stack ./tools/stack
COPY docker/telegram-stand-in.ts ./docker/
# The writable state (identity signing key, sim-venue data): owned by node, so named volumes
# mounted here start owned by node too.
RUN mkdir -p /app/.local/identity /app/.local/sim-venue && chown -R node:node /app/.local
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# identity lives in tools/, every other service in apps/.
CMD ["sh", "-c", "if [ \"$APP\" = identity ]; then exec node --conditions=@perp/source tools/identity/src/main.ts; else exec node --conditions=@perp/source \"apps/$APP/src/main.ts\"; fi"]
