# syntax=docker/dockerfile:1
# SampleMind GPU silo (role gpu): stem separation and variations through ONNX Runtime's C library
# with the CUDA execution provider. Build from the repository root:
#   docker build -f deploy/docker/gpu-worker.Dockerfile -t samplemind/gpu-worker .
# Run it on a node with the NVIDIA container toolkit (docker run --gpus all ...). Without a GPU
# the same image runs its CPU fallback.

ARG DOTNET_VERSION=10.0
ARG ORT_VERSION=1.30.0
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY . .
RUN dotnet publish GpuWorker/GpuWorker.csproj -c Release -o /app/publish --nologo /p:UseAppHost=false

# ONNX Runtime's GPU build (CUDA 12, cuDNN 9) from the project's GitHub release.
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS onnxruntime
ARG ORT_VERSION
ADD https://github.com/microsoft/onnxruntime/releases/download/v${ORT_VERSION}/onnxruntime-linux-x64-gpu-${ORT_VERSION}.tgz /tmp/ort.tgz
RUN mkdir -p /opt/onnxruntime \
 && tar -xzf /tmp/ort.tgz -C /opt/onnxruntime --strip-components=1

# The .NET runtime is taken from Microsoft's image (same Ubuntu 24.04 base as the CUDA image).
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS dotnet

FROM ${CUDA_IMAGE} AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libsndfile1 libfftw3-single3 libaubio5 libebur128-1 libchromaprint1 libsoxr0 librubberband2 ffmpeg \
      ca-certificates curl libstdc++6 zlib1g \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 1654 --create-home --shell /usr/sbin/nologin app
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
COPY --from=onnxruntime /opt/onnxruntime/lib /opt/onnxruntime/lib
WORKDIR /app
COPY --from=build /app/publish .
# Volumes mounted below /data (the shared folder, keys) start with this owner.
RUN mkdir -p /data/shared /data/keys && chown -R 1654 /data
ENV Urls=http://0.0.0.0:8080 \
    Silo__DataDirectory=/data \
    Silo__Roles__0=gpu \
    OnnxRuntime__LibraryPath=/opt/onnxruntime/lib/libonnxruntime.so.1 \
    LD_LIBRARY_PATH=/opt/onnxruntime/lib \
    DOTNET_RUNNING_IN_CONTAINER=true \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
EXPOSE 8080
USER 1654
ENTRYPOINT ["dotnet", "SampleMind.GpuWorker.dll"]
