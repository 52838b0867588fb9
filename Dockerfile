# One image for the API, the worker and the one-shot migrator (see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --config admin-ui/vite.config.mts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# As `npm start` runs the worker and API (PROCESS_HEAP_MB, PROCESS_SEMI_SPACE_MB; see README, Benchmarks).
ENV NODE_OPTIONS="--max-old-space-size=192 --max-semi-space-size=2" MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000
CMD ["node", "--require", "tsx/cjs", "api/main.ts"]
