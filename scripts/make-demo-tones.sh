#!/usr/bin/env bash
# Writes a small demo library of generated tones and noise bursts (used when no real samples are
# beside the clone). Needs ffmpeg.
set -euo pipefail
out="${1:?usage: make-demo-tones.sh DIR}"
mkdir -p "$out/tones" "$out/noise"
for f in 110 220 261.63 329.63 440 523.25; do
  ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=$f:duration=2" -ar 44100 "$out/tones/sine-$f.wav"
done
for c in pink white brown; do
  ffmpeg -loglevel error -y -f lavfi -i "anoisesrc=color=$c:duration=1:amplitude=0.3" -ar 44100 "$out/noise/$c.wav"
done
echo "demo tones written to $out"
