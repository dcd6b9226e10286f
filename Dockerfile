# statusforge as a container: `docker run --rm --user "$(id -u)" -v "$PWD:/site" IMAGE build`.
# Build stage: a static (musl) binary. Final stage: that binary alone, run as a non-root user.
FROM rust:1.91-alpine AS build
RUN apk add --no-cache musl-dev gcc
WORKDIR /src
COPY . .
RUN cargo build --release --locked && strip target/release/statusforge

FROM scratch
COPY --from=build /src/target/release/statusforge /usr/local/bin/statusforge
USER 65532:65532
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/statusforge"]
CMD ["--help"]
