# syntax=docker/dockerfile:1
# SampleMind silo (cpu role; in embedded mode it runs every role). Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t samplemind/silo .

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY . .
RUN dotnet publish Silo/Silo.csproj -c Release -o /app/publish --nologo /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# The audio libraries that Audio/ binds with P/Invoke, and ffmpeg for every other format.
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
    DOTNET_gcServer=1
EXPOSE 8080
# The image's unprivileged "app" user.
USER $APP_UID
ENTRYPOINT ["dotnet", "SampleMind.Silo.dll"]
