# alliancebot as a container: the static binary (the built-in articles, the
# glossary, CA roots and time zones are embedded in it) alone on an empty
# base, run as a non-root user.
#
#   scripts/build-image
#   docker run --rm --env-file .env -p 127.0.0.1:8080:8080 -v alliancebot-data:/data alliancebot
#
# The binary is built on the host, not in a builder image; the script runs
#   CGO_ENABLED=0 GOOS=linux GOTOOLCHAIN=auto go build -trimpath \
#     -ldflags "-s -w -X main.version=$VERSION -X main.commit=$(git rev-parse HEAD) -X main.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
#     -o dist/alliancebot ./cmd/alliancebot
#   docker build -t alliancebot:latest \
#     --build-arg VERSION=$VERSION --build-arg COMMIT=... --build-arg BUILD_DATE=... .
# and makes the empty dist/rootfs/data that becomes /data.
#
# Why no base image: an image is pinned only by a digest that someone
# checked against its registry, and a tag can move. "scratch" is no image
# (nothing is pulled). A Go builder image is not needed to pin the build
# either: go.mod's toolchain line names the Go release, which go fetches
# (GOTOOLCHAIN=auto) and checks against the Go checksum database like any
# module, and go.sum pins every module. That is what a builder image's
# digest would stand for, checked by go itself on every build.
# cmd/alliancebot's TestDockerfileBaseImagesArePinned keeps it so: an image
# other than scratch must be named with @sha256:.
#
# /data holds the articles folder (seeded with the built-in articles on first
# start) and the stored index; keep it on a volume. Port 8080 serves
# /healthz, /readyz, /metrics and, in webhook mode, the webhook.
FROM scratch
ARG VERSION=0.4.0-dev
ARG COMMIT=
ARG BUILD_DATE=
LABEL org.opencontainers.image.title="alliancebot" \
      org.opencontainers.image.description="Answers questions about the CSTO from news articles, with cited quotes, in Telegram and on the command line" \
      org.opencontainers.image.licenses="MIT AND GPL-2.0-or-later AND BSD-3-Clause AND Apache-2.0 AND MPL-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${COMMIT}" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.source="https://github.com/alliancebot/alliancebot"
COPY dist/alliancebot /usr/local/bin/alliancebot
# scratch has no mkdir: dist/rootfs holds one empty folder, data, which
# arrives as /data owned by the non-root user (65532), so a new volume
# mounted there is writable by it.
COPY --chown=65532:65532 dist/rootfs/ /
WORKDIR /data
ENV DATA_DIR=/data \
    LISTEN_ADDR=:8080
# Numeric: scratch has no /etc/passwd to look a name up in.
USER 65532:65532
EXPOSE 8080
VOLUME ["/data"]
# No shell or curl in the image: the binary checks itself, asking /healthz
# on loopback at the port of LISTEN_ADDR (alliancebot health).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/alliancebot", "health"]
# SIGTERM (docker stop) lets the answers in flight finish, up to 20s; give
# the container more than that (docker stop -t 30, stop_grace_period: 30s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/alliancebot"]
CMD ["bot"]
