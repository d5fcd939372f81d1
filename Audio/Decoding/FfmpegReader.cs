using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using SampleMind.Audio.Errors;

namespace SampleMind.Audio.Decoding;

/// <summary>
/// Decodes what libsndfile cannot (AAC, M4A, WMA, ...) with an ffmpeg subprocess writing raw
/// float32 little-endian to a pipe; ffprobe supplies the stream facts first.
/// </summary>
internal sealed class FfmpegReader : IAudioReader
{
    private readonly Process _process;
    private readonly Stream _stdout;
    private readonly CancellationTokenRegistration _registration;
    private readonly byte[] _carry = new byte[4];
    private int _carryCount;

    private FfmpegReader(Process process, ProbeResult probe, CancellationToken ct)
    {
        _process = process;
        _stdout = process.StandardOutput.BaseStream;
        SampleRate = probe.SampleRate;
        Channels = probe.Channels;
        Container = probe.Container;
        Codec = probe.Codec;
        BitDepth = probe.BitDepth;
        _registration = ct.Register(static p => Kill((Process)p!), process);
    }

    public int SampleRate { get; }

    public int Channels { get; }

    public string Container { get; }

    public string Codec { get; }

    public int? BitDepth { get; }

    public long? KnownFrames => null;

    public long? PromisedFrames => null;

    public bool IsFfmpeg => true;

    public static FfmpegReader Open(string path, AudioAnalyzerOptions options, string sndfileReason, CancellationToken ct)
    {
        var probe = Probe(path, options, sndfileReason, ct);
        var start = new ProcessStartInfo(options.FfmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-v", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-f", "f32le", "-acodec", "pcm_f32le", "pipe:1" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new AudioDecodeException(path, "ffmpeg did not start");
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        return new FfmpegReader(process, probe, ct);
    }

    public int Read(Span<float> buffer)
    {
        var bytes = MemoryMarshal.AsBytes(buffer);
        var frameBytes = Channels * sizeof(float);
        _carry.AsSpan(0, _carryCount).CopyTo(bytes);
        var filled = _carryCount;
        _carryCount = 0;
        while (filled < frameBytes)
        {
            var n = _stdout.Read(bytes[filled..]);
            if (n == 0)
            {
                return filled / frameBytes;
            }

            filled += n;
        }

        var whole = filled / frameBytes * frameBytes;
        var rest = filled - whole;
        if (rest > 0 && rest <= _carry.Length)
        {
            bytes.Slice(whole, rest).CopyTo(_carry);
            _carryCount = rest;
        }

        return whole / frameBytes;
    }

    public void Dispose()
    {
        _registration.Dispose();
        Kill(_process);
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static ProbeResult Probe(string path, AudioAnalyzerOptions options, string sndfileReason, CancellationToken ct)
    {
        var start = new ProcessStartInfo(options.FfprobePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-v", "error", "-select_streams", "a:0", "-show_entries",
            "stream=codec_name,sample_rate,channels,bits_per_raw_sample:format=format_name",
            "-of", "default=noprint_wrappers=1", path,
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AudioDecodeException(path, sndfileReason + "; ffprobe did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AudioDecodeException(path, $"{sndfileReason}; ffprobe unavailable ({e.Message})");
        }

        using (process)
        {
            using var registration = ct.Register(static p => Kill((Process)p!), process);
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginErrorReadLine();
            var text = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(options.FfmpegTimeout))
            {
                Kill(process);
                throw new AudioDecodeException(path, "ffprobe timed out");
            }

            ct.ThrowIfCancellationRequested();
            return ProbeResult.Parse(text) ?? throw new AudioDecodeException(path, sndfileReason + "; ffprobe found no audio stream");
        }
    }

    private sealed record ProbeResult(int SampleRate, int Channels, string Container, string Codec, int? BitDepth)
    {
        public static ProbeResult? Parse(string text)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    values.TryAdd(line[..eq], line[(eq + 1)..]);
                }
            }

            if (!values.TryGetValue("sample_rate", out var rateText)
                || !int.TryParse(rateText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rate)
                || !values.TryGetValue("channels", out var channelText)
                || !int.TryParse(channelText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var channels)
                || rate is < 1000 or > 768_000 || channels is < 1 or > 64)
            {
                return null;
            }

            int? bits = values.TryGetValue("bits_per_raw_sample", out var b)
                && int.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : null;
            var container = values.GetValueOrDefault("format_name", "unknown").Split(',')[0];
            return new ProbeResult(rate, channels, container, values.GetValueOrDefault("codec_name", "unknown"), bits);
        }
    }
}
