#!/usr/bin/env python3
"""Writes tiny ONNX models with the inputs and outputs of real separation and generation models.

Usage: generate_test_models.py OUT_DIR

For every manifest (*.json) beside this script whose "file" names a model built here, writes the
model to OUT_DIR and copies the manifest next to it. The models are deterministic, so tests can
recompute their outputs independently:

- test-separator-2stem: mixture [batch, 2, samples] -> stems [batch, 2, 2, samples];
  stem 0 = FIR low-pass of the mixture (depthwise Conv, zero-padded, same length),
  stem 1 = mixture - stem 0, so the stems sum to the mixture.
- test-separator-4stem: four bands split by three FIR low-passes; the stems sum to the mixture.
- test-passthrough: mixture -> stems [batch, 1, 2, samples] equal to the mixture (overlap-add check).
- test-generator: audio [batch, 2, samples], noise [batch, 2, samples], variance [batch, 1]
  -> variation = FIR low-pass(audio) + variance * noise.
- test-spectro-2stem: spectrogram model (manifest "stft", output "mask"): magnitude
  [batch, 2, bins, frames] -> stems [batch, 2, 2, bins, frames]; stem 0 ("low") is the fixed
  crossover mask L[bin], stem 1 ("high") is 1 - L[bin], whatever the magnitude, so the masks sum to 1.
- test-spectro-magnitude-2stem: the same split as magnitude estimates: L[bin] * magnitude and
  (1 - L[bin]) * magnitude (output "magnitude").

The crossover mask is 1 below bin CROSSOVER_BINS[0], 0 from bin CROSSOVER_BINS[1] on, and falls
linearly in between: L[b] = clip((CROSSOVER_BINS[1] - b) / (CROSSOVER_BINS[1] - CROSSOVER_BINS[0]), 0, 1).
With fftSize 2048 at 44.1 kHz (21.5 Hz per bin) that is 861 Hz to 1120 Hz. The bin count is taken
from the manifest's stft.fftSize (fftSize / 2 + 1, fixed in the model's shapes).

The FIR taps are a Hamming-windowed sinc with unit gain at DC:
    h[n] = sinc(2 fc (n - M)) * (0.54 - 0.46 cos(2 pi n / (K - 1))), n = 0..K-1, M = (K - 1) / 2,
normalised so that sum(h) = 1, with fc the cutoff as a fraction of the sample rate.
Requires Debian's python3-onnx and python3-numpy (opset 17, IR version 8, accepted by ORT 1.30).
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
IR_VERSION = 8
TAPS = 31
CHANNELS = 2
CROSSOVER_BINS = (40, 52)


def fir_lowpass(cutoff, taps=TAPS):
    n = np.arange(taps)
    m = (taps - 1) / 2.0
    h = np.sinc(2.0 * cutoff * (n - m)) * (0.54 - 0.46 * np.cos(2.0 * np.pi * n / (taps - 1)))
    return (h / h.sum()).astype(np.float32)


def lowpass_node(name, source, cutoff, initializers):
    """Depthwise Conv over [batch, channels, samples] that keeps the length (zero padding)."""
    weights = np.tile(fir_lowpass(cutoff)[::-1][None, None, :], (CHANNELS, 1, 1))  # Conv correlates
    initializers.append(numpy_helper.from_array(weights.astype(np.float32), name + "_w"))
    pad = (TAPS - 1) // 2
    return helper.make_node("Conv", [source, name + "_w"], [name], group=CHANNELS,
                            kernel_shape=[TAPS], pads=[pad, pad])


def audio_input(name):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ["batch", CHANNELS, "samples"])


def stack_stems(stem_names, output, nodes, initializers):
    initializers.append(numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"))
    unsqueezed = []
    for stem in stem_names:
        nodes.append(helper.make_node("Unsqueeze", [stem, "axis1"], [stem + "_u"]))
        unsqueezed.append(stem + "_u")
    nodes.append(helper.make_node("Concat", unsqueezed, [output], axis=1))


def save(graph, path):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="samplemind-test-models")
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    onnx.save(model, path)


def band_separator(cutoffs, name, path):
    """len(cutoffs) + 1 bands: low-pass, band differences of low-passes, and the residual."""
    nodes, inits = [], []
    lows = []
    for i, cutoff in enumerate(cutoffs):
        nodes.append(lowpass_node("lp%d" % i, "mixture", cutoff, inits))
        lows.append("lp%d" % i)
    stems = [lows[0]]
    for i in range(1, len(lows)):
        nodes.append(helper.make_node("Sub", [lows[i], lows[i - 1]], ["band%d" % i]))
        stems.append("band%d" % i)
    nodes.append(helper.make_node("Sub", ["mixture", lows[-1]], ["residual"]))
    stems.append("residual")
    stack_stems(stems, "stems", nodes, inits)
    out = helper.make_tensor_value_info("stems", TensorProto.FLOAT,
                                        ["batch", len(stems), CHANNELS, "samples"])
    save(helper.make_graph(nodes, name, [audio_input("mixture")], [out], inits), path)


def passthrough(name, path):
    nodes, inits = [helper.make_node("Identity", ["mixture"], ["copy"])], []
    stack_stems(["copy"], "stems", nodes, inits)
    out = helper.make_tensor_value_info("stems", TensorProto.FLOAT, ["batch", 1, CHANNELS, "samples"])
    save(helper.make_graph(nodes, name, [audio_input("mixture")], [out], inits), path)


def generator(name, path):
    nodes, inits = [], []
    nodes.append(lowpass_node("smooth", "audio", 0.1, inits))
    initializers_shape = np.array([-1, 1, 1], dtype=np.int64)
    inits.append(numpy_helper.from_array(initializers_shape, "v_shape"))
    nodes.append(helper.make_node("Reshape", ["variance", "v_shape"], ["v3"]))
    nodes.append(helper.make_node("Mul", ["v3", "noise"], ["scaled_noise"]))
    nodes.append(helper.make_node("Add", ["smooth", "scaled_noise"], ["variation"]))
    variance = helper.make_tensor_value_info("variance", TensorProto.FLOAT, ["batch", 1])
    out = helper.make_tensor_value_info("variation", TensorProto.FLOAT, ["batch", CHANNELS, "samples"])
    graph = helper.make_graph(nodes, name, [audio_input("audio"), audio_input("noise"), variance],
                              [out], inits)
    save(graph, path)


def crossover_mask(bins):
    b = np.arange(bins, dtype=np.float64)
    low = np.clip((CROSSOVER_BINS[1] - b) / (CROSSOVER_BINS[1] - CROSSOVER_BINS[0]), 0.0, 1.0)
    return low.astype(np.float32).reshape(bins, 1), (1.0 - low).astype(np.float32).reshape(bins, 1)


def spectrogram_separator(output_kind, manifest, name, path):
    """Two stems from complementary fixed masks over the bins, as masks or as magnitudes."""
    bins = manifest["stft"]["fftSize"] // 2 + 1
    low, high = crossover_mask(bins)
    inits = [numpy_helper.from_array(low, "low_mask"), numpy_helper.from_array(high, "high_mask")]
    if output_kind == "mask":
        nodes = [helper.make_node("Shape", ["magnitude"], ["magnitude_shape"]),
                 helper.make_node("Expand", ["low_mask", "magnitude_shape"], ["low"]),
                 helper.make_node("Expand", ["high_mask", "magnitude_shape"], ["high"])]
    else:
        nodes = [helper.make_node("Mul", ["magnitude", "low_mask"], ["low"]),
                 helper.make_node("Mul", ["magnitude", "high_mask"], ["high"])]
    stack_stems(["low", "high"], "stems", nodes, inits)
    magnitude = helper.make_tensor_value_info("magnitude", TensorProto.FLOAT, ["batch", CHANNELS, bins, "frames"])
    out = helper.make_tensor_value_info("stems", TensorProto.FLOAT, ["batch", 2, CHANNELS, bins, "frames"])
    save(helper.make_graph(nodes, name, [magnitude], [out], inits), path)


BUILDERS = {
    "test-separator-2stem.onnx": lambda n, p: band_separator([0.05], n, p),
    "test-separator-4stem.onnx": lambda n, p: band_separator([0.01, 0.05, 0.15], n, p),
    "test-passthrough.onnx": passthrough,
    "test-generator.onnx": generator,
    "test-spectro-2stem.onnx": lambda n, p, m: spectrogram_separator("mask", m, n, p),
    "test-spectro-magnitude-2stem.onnx": lambda n, p, m: spectrogram_separator("magnitude", m, n, p),
}
WITH_MANIFEST = {"test-spectro-2stem.onnx", "test-spectro-magnitude-2stem.onnx"}


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = argv[1]
    os.makedirs(out_dir, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    written = 0
    for manifest_name in sorted(os.listdir(here)):
        if not manifest_name.endswith(".json"):
            continue
        with open(os.path.join(here, manifest_name), encoding="utf-8") as f:
            manifest = json.load(f)
        build = BUILDERS.get(manifest["file"])
        if build is None:
            continue
        target = os.path.join(out_dir, manifest["file"])
        if manifest["file"] in WITH_MANIFEST:
            build(manifest["name"], target, manifest)
        else:
            build(manifest["name"], target)
        shutil.copyfile(os.path.join(here, manifest_name), os.path.join(out_dir, manifest_name))
        written += 1
    print("wrote %d test models to %s" % (written, out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
