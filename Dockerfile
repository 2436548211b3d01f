# One image for every Node service of the monorepo. Node 24 runs the TypeScript sources directly
# (type stripping), so the image needs no build step; APP selects the service at run time.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
COPY infra ./infra
RUN npm install --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app /app
USER node
CMD ["sh", "-c", "exec node --conditions=@perp/source apps/${APP:?set APP to the service to run}/src/main.ts"]
