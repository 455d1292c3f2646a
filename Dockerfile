# One image for all five services; SERVICE picks which one runs (see docker-compose.yml).
# Built on the current Node LTS; the code targets Node >= 20.19.
FROM node:26-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
# The dashboard, built by Vite into dist/web and served by the gateway.
COPY web ./web
RUN node scripts/build.mjs && npm prune --omit=dev

FROM node:26-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The API documents the gateway serves at /api/docs (generated and committed: npm run docs:api).
COPY docs ./docs
USER node
ARG SERVICE=gateway
ENV SERVICE=${SERVICE}
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/$SERVICE/apps/$SERVICE/src/main.js"]
