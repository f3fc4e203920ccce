# syntax=docker/dockerfile:1
#
# BookMySleep as one container: the static-stdlib `bms` binary on Debian bookworm-slim, data in /data.
#
#   docker build -t bms .
#   docker run -p 8080:8080 -v bms-data:/data bms
#
# The build stage uses the same Swift minor version as development (Swift 6.3); override with
# --build-arg SWIFT_VERSION=… if needed.

ARG SWIFT_VERSION=6.3

# ---- build -------------------------------------------------------------------------------------------
FROM swift:${SWIFT_VERSION}-bookworm AS build

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends liblmdb-dev zlib1g-dev libssl-dev libjs-leaflet \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .

# .build is a cache mount, so the binary is copied out of it in the same step.
RUN --mount=type=cache,target=/src/.build \
    swift build -c release --static-swift-stdlib --product bms \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/bms" /out/bms \
    && strip /out/bms

# ---- runtime -----------------------------------------------------------------------------------------
FROM debian:bookworm-slim

# liblmdb0 and zlib1g are linked dynamically; curl is only for the health check.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends liblmdb0 zlib1g ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --user-group --uid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin bms \
    && mkdir -p /data \
    && chown bms:bms /data \
    && chmod 0700 /data

COPY --from=build /out/bms /usr/local/bin/bms

ENV BMS_HOST=0.0.0.0 \
    BMS_PORT=8080
# Declared after /data is created and owned by bms, so a new volume starts with that owner.
VOLUME /data
EXPOSE 8080
USER bms:bms
WORKDIR /data

# /health answers 200 while the process is alive (DESIGN.md, Observability).
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD curl --fail --silent --show-error --max-time 2 --output /dev/null "http://127.0.0.1:${BMS_PORT}/health" || exit 1

ENTRYPOINT ["/usr/local/bin/bms"]
CMD ["serve", "--data", "/data"]
