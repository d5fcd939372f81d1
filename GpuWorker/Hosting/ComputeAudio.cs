using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>Shared steps of the compute handlers: find the request and its sample, decode, write WAV files.</summary>
internal static class ComputeAudio
{
    /// <summary>The request and its sample's record, or an error sentence when either is missing.</summary>
    public static async Task<(ComputeRequest? Request, SampleRecord? Sample, string? Error)> LoadAsync(IGrainFactory grains, string requestId)
    {
        var status = await grains.GetGrain<IComputeRequestGrain>(requestId).GetStatus();
        if (status is null)
        {
            return (null, null, $"There is no compute request '{requestId}'.");
        }

        var sample = await grains.GetGrain<ISampleGrain>(status.Request.SampleId).Get();
        return sample is null
            ? (status.Request, null, $"The sample '{status.Request.SampleId}' is not recorded.")
            : (status.Request, sample, null);
    }

    /// <summary>
    /// Reports a running request's progress; when the answer says the request was cancelled meanwhile, cancels
    /// <paramref name="stop"/>, so that the attempt stops at its next check instead of running to its end.
    /// </summary>
    public static async Task ReportProgressAsync(IComputeRequestGrain grain, double fraction, CancellationTokenSource stop)
    {
        if (await grain.ReportProgress(fraction) is { State: ComputeState.Cancelled })
        {
            await stop.CancelAsync();
        }
    }

    /// <summary>
    /// Why a request failed, as its tenant reads it: the sample named by its path in the library, not where the server
    /// keeps the file (an upload's lives in the server's spool folder).
    /// </summary>
    public static string Reason(Exception exception, SampleRecord sample) =>
        exception.Message.Replace(sample.SourcePath, sample.RelativePath, StringComparison.Ordinal);

    /// <summary>Decodes a file to planar audio ([channel][frame]).</summary>
    public static async Task<(float[][] Planar, int SampleRate)> DecodePlanarAsync(AudioDecoder decoder, string path, CancellationToken cancellationToken)
    {
        var decoded = await decoder.DecodeAsync(path, cancellationToken);
        var channels = decoded.Channels;
        var frames = (int)decoded.Frames;
        var samples = decoded.Samples.Span;
        var planar = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            var channel = new float[frames];
            for (var i = 0; i < frames; i++)
            {
                channel[i] = samples[(i * channels) + c];
            }

            planar[c] = channel;
        }

        return (planar, decoded.SampleRate);
    }

    /// <summary>Reads the rest of an open file into planar audio ([channel][frame]).</summary>
    public static float[][] ReadPlanar(AudioFileReader file)
    {
        var channels = file.Channels;
        var planar = Enumerable.Range(0, channels).Select(_ => new List<float>((int)(file.KnownFrames ?? 0))).ToArray();
        var chunk = new float[65536 * channels];
        int frames;
        while ((frames = file.Read(chunk)) > 0)
        {
            for (var i = 0; i < frames; i++)
            {
                for (var c = 0; c < channels; c++)
                {
                    planar[c].Add(chunk[(i * channels) + c]);
                }
            }
        }

        return [.. planar.Select(channel => channel.ToArray())];
    }

    /// <summary>Writes planar audio as 24-bit WAV (through a temporary file, so a rerun replaces it whole); returns its size.</summary>
    public static long WriteWav(string path, float[][] planar, int sampleRate)
    {
        var channels = planar.Length;
        var frames = channels == 0 ? 0 : planar[0].Length;
        var interleaved = new float[frames * channels];
        for (var c = 0; c < channels; c++)
        {
            var channel = planar[c];
            for (var i = 0; i < frames; i++)
            {
                interleaved[(i * channels) + c] = channel[i];
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        AudioEncoder.WriteWav(temporary, interleaved, sampleRate, channels, bitDepth: 24);
        File.Move(temporary, path, overwrite: true);
        return new FileInfo(path).Length;
    }
}
