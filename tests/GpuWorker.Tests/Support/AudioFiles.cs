using SampleMind.Audio;
using SampleMind.TestSupport;

namespace SampleMind.GpuWorker.Tests.Support;

/// <summary>Reads shared-data samples as planar float audio and measures separations.</summary>
internal static class AudioFiles
{
    private static readonly AudioDecoder s_decoder = new();

    /// <summary>Decodes samples-dev/<paramref name="relativePath"/> into [channel][sample].</summary>
    public static (float[][] Channels, int SampleRate) Load(string relativePath)
    {
        var decoded = s_decoder.Decode(Path.Combine(RepoPaths.SamplesDev, relativePath));
        var channels = decoded.Channels;
        var frames = (int)decoded.Frames;
        var interleaved = decoded.Samples.Span;
        var planar = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            planar[c] = new float[frames];
            for (var i = 0; i < frames; i++)
            {
                planar[c][i] = interleaved[(i * channels) + c];
            }
        }

        return (planar, decoded.SampleRate);
    }

    /// <summary>Signal-to-distortion ratio (dB) of an estimate against a reference, over all channels.</summary>
    public static double Sdr(float[][] reference, float[][] estimate)
    {
        double signal = 0, error = 0;
        for (var c = 0; c < reference.Length; c++)
        {
            for (var i = 0; i < reference[c].Length; i++)
            {
                signal += reference[c][i] * (double)reference[c][i];
                var d = reference[c][i] - (double)estimate[c][i];
                error += d * d;
            }
        }

        return 10 * Math.Log10(signal / Math.Max(error, 1e-20));
    }

    /// <summary>The planar audio with <paramref name="channels"/> channels (mono copied up) and <paramref name="frames"/> frames.</summary>
    public static float[][] Fit(float[][] audio, int channels, int frames, float gain = 1f) =>
        Enumerable.Range(0, channels).Select(c =>
        {
            var source = audio[Math.Min(c, audio.Length - 1)];
            var result = new float[frames];
            for (var i = 0; i < Math.Min(frames, source.Length); i++)
            {
                result[i] = source[i] * gain;
            }

            return result;
        }).ToArray();

    public static float[][] Sum(float[][] a, float[][] b) =>
        a.Select((channel, c) => channel.Select((x, i) => x + b[c][i]).ToArray()).ToArray();

    public static double Rms(float[][] audio) =>
        Math.Sqrt(audio.SelectMany(c => c).Average(x => (double)x * x));
}
