# syntax=docker/dockerfile:1
# SampleMind API host (role api): REST under /v1, WebSockets, the dashboard at /dashboard.
# Build from the repository root:
#   docker build -f deploy/docker/api.Dockerfile -t samplemind/api .

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY . .
RUN dotnet publish Api/Api.csproj -c Release -o /app/publish --nologo /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# The API node is also a silo: it can run audio work, so it carries the same native libraries.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libsndfile1 libfftw3-single3 libaubio5 libebur128-1 libchromaprint1 libsoxr0 librubberband2 ffmpeg \
      ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish .
# Volumes mounted below /data (the shared folder, keys) start with this owner.
RUN mkdir -p /data/shared /data/keys && chown -R "$APP_UID" /data
ENV Urls=http://0.0.0.0:8080 \
    Silo__DataDirectory=/data \
    Api__AdminKeyFile=/data/keys/admin.key
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "SampleMind.Api.dll"]
