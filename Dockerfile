# alliancebot as a container: a static binary (the built-in articles and the
# glossary are embedded in it) on a distroless base, run as a non-root user.
#
#   docker build -t alliancebot \
#     --build-arg VERSION=0.4.0 \
#     --build-arg COMMIT=$(git rev-parse HEAD) \
#     --build-arg BUILD_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) .
#   docker run --rm --env-file .env -p 127.0.0.1:8080:8080 -v alliancebot-data:/data alliancebot
#
# /data holds the articles folder (seeded with the built-in articles on first
# start) and the stored index; keep it on a volume. Port 8080 serves
# /healthz, /readyz, /metrics and, in webhook mode, the webhook.
#
# Base images are pinned by digest, with the tag beside it for people: the
# tag says what the image is, the digest which build. To refresh a pin:
#   docker buildx imagetools inspect golang:1.26.11-bookworm --format '{{json .Manifest.Digest}}'
#   docker buildx imagetools inspect gcr.io/distroless/static-debian12:nonroot --format '{{json .Manifest.Digest}}'
# and put the digest after the tag (image:tag@sha256:...). The Go image's
# patch release should match go.mod's toolchain line.
ARG GO_IMAGE=golang:1.26.11-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot@sha256:d093aa3e30dbadd3efe1310db061a14da60299baff8450a17fe0ccc514a16639

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
# Only the packages: .env, data/ and .git never enter the build
# (.dockerignore keeps them out of the context too).
COPY corpus/ corpus/
COPY internal/ internal/
COPY lexicon/ lexicon/
COPY retrieval/ retrieval/
COPY ingest/ ingest/
COPY bot/ bot/
COPY cmd/ cmd/
# Without .git in the context Go cannot stamp the commit itself; the build
# arguments do (alliancebot version, the first log line, build_info).
ARG VERSION=0.4.0-dev
ARG COMMIT=
ARG BUILD_DATE=
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags="-s -w -X main.version=${VERSION} -X main.commit=${COMMIT} -X main.buildDate=${BUILD_DATE}" \
      -o /out/alliancebot ./cmd/alliancebot \
 && mkdir -p /out/data

FROM ${RUNTIME_IMAGE}
ARG VERSION=0.4.0-dev
ARG COMMIT=
ARG BUILD_DATE=
LABEL org.opencontainers.image.title="alliancebot" \
      org.opencontainers.image.description="Answers questions about the CSTO from news articles, with cited quotes, in Telegram and on the command line" \
      org.opencontainers.image.licenses="MIT AND GPL-2.0-or-later" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${COMMIT}" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.source="https://github.com/alliancebot/alliancebot"
COPY --from=build /out/alliancebot /usr/local/bin/alliancebot
# Owned by the nonroot user (65532), so a new volume mounted here is writable.
COPY --from=build --chown=65532:65532 /out/data /data
WORKDIR /data
ENV DATA_DIR=/data \
    LISTEN_ADDR=:8080
USER 65532:65532
EXPOSE 8080
VOLUME ["/data"]
# No shell or curl in a distroless image: the binary checks itself, asking
# /healthz on loopback at the port of LISTEN_ADDR (alliancebot health).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/alliancebot", "health"]
# SIGTERM (docker stop) lets the answers in flight finish, up to 20s; give
# the container more than that (docker stop -t 30, stop_grace_period: 30s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/alliancebot"]
CMD ["bot"]
