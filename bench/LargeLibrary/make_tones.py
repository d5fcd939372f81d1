"""Writes N distinct short WAV tones (0.25 s, 22.05 kHz mono, 16-bit), 1,000 a folder: a large library to ingest.

usage: python3 make_tones.py N OUT_FOLDER
Every file differs (pitch, phase, level and one flipped bit), so none is a duplicate of another.
"""
import array
import math
import os
import random
import sys
import wave


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    random.seed(7)
    rate = 22050
    length = int(rate * 0.25)
    envelope = [1 - t / length for t in range(length)]
    shapes = {}
    for step in range(37):
        for phase in range(16):
            hz = 110 * 2 ** (step / 12)
            shapes[(step, phase)] = [math.sin(phase * 6.283 / 16 + 2 * math.pi * hz * t / rate) * envelope[t] for t in range(length)]
    for i in range(count):
        folder = os.path.join(out, "f%03d" % (i // 1000))
        os.makedirs(folder, exist_ok=True)
        shape = shapes[(random.randrange(37), random.randrange(16))]
        level = random.uniform(0.1, 0.6) * 32767
        frames = array.array("h", [int(level * v) for v in shape])
        frames[random.randrange(length)] ^= 1
        with wave.open(os.path.join(folder, "s%06d.wav" % i), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(frames.tobytes())


if __name__ == "__main__":
    main()
