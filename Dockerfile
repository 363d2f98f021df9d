# Build stage: the same packages and commands as the README's first two commands.
FROM debian:12 AS build
WORKDIR /src
COPY .ci/packages .ci/install-deps .ci/
RUN bash .ci/install-deps
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build \
 && ctest --test-dir build --output-on-failure --no-tests=error -R '^unit:' -j2

# Runtime stage: the orm binary and its shared libraries only. Mount a project at /work.
FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libsqlite3-0 libpq5 libmariadb3 libfmt9 libspdlog1.10 libtomlplusplus3 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/orm /usr/local/bin/orm
WORKDIR /work
ENTRYPOINT ["orm"]
CMD ["migrate", "up"]
