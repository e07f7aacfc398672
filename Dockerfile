# alliancebot as a container: a static binary (the built-in articles and the
# glossary are embedded in it) on a distroless base, run as a non-root user.
#
#   docker build -t alliancebot .
#   docker run --rm --env-file .env -p 127.0.0.1:8080:8080 -v alliancebot-data:/data alliancebot
#
# /data holds the articles folder (seeded with the built-in articles on first
# start) and the stored index; keep it on a volume. Port 8080 serves
# /healthz, /readyz, /metrics and, in webhook mode, /telegram/webhook.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
# Only the packages: .env, data/ and .git never enter the build.
COPY corpus/ corpus/
COPY retrieval/ retrieval/
COPY ingest/ ingest/
COPY bot/ bot/
COPY cmd/ cmd/
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/alliancebot ./cmd/alliancebot \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/alliancebot /usr/local/bin/alliancebot
# Owned by the nonroot user (65532), so a new volume mounted here is writable.
COPY --from=build --chown=65532:65532 /out/data /data
WORKDIR /data
ENV DATA_DIR=/data \
    LISTEN_ADDR=:8080
USER 65532:65532
EXPOSE 8080
VOLUME ["/data"]
# SIGTERM (docker stop) lets the answers in flight finish, up to 20s; give
# the container more than that (docker stop -t 30, stop_grace_period: 30s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/alliancebot"]
CMD ["bot"]
