using SampleMind.Audio.Dsp;
using SampleMind.GpuWorker.Inference;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation.Dsp;

namespace SampleMind.GpuWorker.Separation;

/// <summary>
/// A spectrogram-domain separation model as a segment processor. Each segment's channels are
/// transformed (centred STFT, periodic Hann window; <see cref="StftParameters"/>), the magnitudes
/// [channels, bins, frames] go to the model in batches gathered across requests, and its output
/// [stems, channels, bins, frames] is applied to the mixture's complex spectrogram: a ratio mask
/// multiplies it, a magnitude estimate takes its phase. Each stem is resynthesised by the inverse
/// STFT (overlap-add normalised by the summed squared window), so masks that sum to 1 give stems
/// that sum to the segment. The STFTs run on the requests' threads; only the model runs in the batcher.
/// </summary>
internal sealed class SpectrogramSegmentProcessor : ModelSegmentProcessor
{
    /// <summary>Below this mixture magnitude a magnitude estimate gets phase 0 (the mixture's phase is undefined).</summary>
    private const float SilentMagnitude = 1e-12f;

    private readonly StftParameters _stft;
    private readonly SpectrogramOutput _output;
    private readonly SpectralMasking _masking;
    private readonly int _bins;
    private readonly int _frames;

    public SpectrogramSegmentProcessor(ModelManifest model, InferenceSession session, int batchSize, SeparationMeter? meter = null)
        : base(model, session, batchSize, meter,
            [model.Channels, Stft(model).FftBins, Stft(model).FrameCount(model.SegmentLength)],
            [model.Stems.Count, model.Channels, Stft(model).FftBins, Stft(model).FrameCount(model.SegmentLength)],
            $"{model.Channels} channels, bins = fftSize / 2 + 1 = {Stft(model).FftBins}, " +
            $"frames = 1 + segmentLength / hopSize = {Stft(model).FrameCount(model.SegmentLength)}, {model.Stems.Count} stems")
    {
        _stft = Stft(model);
        _output = _stft.Output ?? throw new ModelManifestException($"Model {model.Name}: stft.output is missing.");
        _masking = new SpectralMasking(_stft.FftSize, _stft.HopSize);
        _bins = _stft.FftBins;
        _frames = _stft.FrameCount(model.SegmentLength);
    }

    public override string Detail =>
        $" on spectrograms (STFT {_stft.FftSize}/{_stft.HopSize} {_stft.Window}, {_bins} bins × {_frames} frames, output {(_output == SpectrogramOutput.Mask ? "mask" : "magnitude")})";

    public override async Task<float[]> ProcessAsync(float[] segment, int channels, int sampleRate, object request, CancellationToken cancellationToken)
    {
        var length = segment.Length / channels;
        var spectrograms = await Task.Run(() => _masking.Analyse(segment, channels, length), cancellationToken);
        var estimate = await Batcher.EnqueueAsync(Magnitudes(spectrograms), request, cancellationToken);
        return await Task.Run(() => Synthesise(spectrograms, estimate, length), cancellationToken);
    }

    /// <summary>The model's input for one segment: |X| as [channel][bin][frame].</summary>
    private float[] Magnitudes(ComplexSpectrogram[] spectrograms)
    {
        var magnitude = new float[spectrograms.Length * _bins * _frames];
        for (var c = 0; c < spectrograms.Length; c++)
        {
            var data = spectrograms[c].Data;
            var plane = magnitude.AsSpan(c * _bins * _frames, _bins * _frames);
            for (var f = 0; f < _frames; f++)
            {
                for (var b = 0; b < _bins; b++)
                {
                    var re = data[2 * ((f * _bins) + b)];
                    var im = data[(2 * ((f * _bins) + b)) + 1];
                    plane[(b * _frames) + f] = MathF.Sqrt((re * re) + (im * im));
                }
            }
        }

        return magnitude;
    }

    /// <summary>Every stem's every channel: the model's estimate applied to the mixture's spectrogram, back to samples.</summary>
    private float[] Synthesise(ComplexSpectrogram[] spectrograms, float[] estimate, int length)
    {
        var channels = spectrograms.Length;
        var stems = estimate.Length / (channels * _bins * _frames);
        var output = new float[stems * channels * length];
        var stem = new ComplexSpectrogram(_frames, _bins);
        for (var s = 0; s < stems; s++)
        {
            for (var c = 0; c < channels; c++)
            {
                var plane = estimate.AsSpan(((s * channels) + c) * _bins * _frames, _bins * _frames);
                Apply(spectrograms[c].Data, plane, stem.Data);
                _masking.Inverse(stem, length).CopyTo(output, ((s * channels) + c) * length);
            }
        }

        return output;
    }

    /// <summary>Writes mixture × mask, or magnitude × mixture phase, frame-major and interleaved.</summary>
    private void Apply(ReadOnlySpan<float> mixture, ReadOnlySpan<float> plane, Span<float> target)
    {
        for (var f = 0; f < _frames; f++)
        {
            for (var b = 0; b < _bins; b++)
            {
                var at = 2 * ((f * _bins) + b);
                var value = plane[(b * _frames) + f];
                var re = mixture[at];
                var im = mixture[at + 1];
                if (_output == SpectrogramOutput.Mask)
                {
                    target[at] = re * value;
                    target[at + 1] = im * value;
                    continue;
                }

                var magnitude = MathF.Sqrt((re * re) + (im * im));
                target[at] = magnitude > SilentMagnitude ? re * value / magnitude : value;
                target[at + 1] = magnitude > SilentMagnitude ? im * value / magnitude : 0f;
            }
        }
    }

    private static StftParameters Stft(ModelManifest model) =>
        model.Stft ?? throw new ArgumentException($"Model {model.Name} is a waveform model; use {nameof(OnnxSegmentProcessor)}.", nameof(model));
}
