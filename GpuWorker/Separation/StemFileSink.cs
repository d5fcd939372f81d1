using SampleMind.Audio;

namespace SampleMind.GpuWorker.Separation;

/// <summary>The file formats stems are written in.</summary>
public enum StemFileFormat
{
    /// <summary>24-bit PCM WAV.</summary>
    Wav,

    /// <summary>24-bit FLAC (lossless, about half the size).</summary>
    Flac,
}

/// <summary>
/// Writes each stem to its own file as blocks arrive (24-bit WAV or FLAC through libsndfile): files
/// grow under "&lt;stem&gt;.&lt;ext&gt;.partial" and take their final names only in
/// <see cref="Finish"/>, so a worker killed mid-item never leaves a file that looks complete.
/// <paramref name="progress"/> hears the frames written so far after each block.
/// </summary>
public sealed class StemFileSink(string folder, StemFileFormat format, int sampleRate, Func<long, Task>? progress = null) : IStemSink, IDisposable
{
    private AudioFileWriter[]? _writers;
    private string[] _names = [];
    private float[] _interleaved = [];

    /// <summary>The file extension of <paramref name="format"/>, without the dot.</summary>
    public static string Extension(StemFileFormat format) => format == StemFileFormat.Flac ? "flac" : "wav";

    /// <summary>Frames written to every stem so far.</summary>
    public long Frames { get; private set; }

    /// <inheritdoc />
    public async ValueTask WriteAsync(StemBlock block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        cancellationToken.ThrowIfCancellationRequested();
        _writers ??= Open(block);
        var channels = block.Channels;
        var needed = block.Frames * channels;
        if (_interleaved.Length < needed)
        {
            _interleaved = new float[needed];
        }

        for (var s = 0; s < _writers.Length; s++)
        {
            for (var c = 0; c < channels; c++)
            {
                var samples = block.Samples(s, c);
                for (var i = 0; i < samples.Length; i++)
                {
                    _interleaved[(i * channels) + c] = samples[i];
                }
            }

            _writers[s].Write(_interleaved.AsSpan(0, needed));
        }

        Frames += block.Frames;
        if (progress is not null)
        {
            await progress(Frames);
        }
    }

    /// <summary>Closes the files and gives them their final names; returns (file name, size in bytes) per stem, in order.</summary>
    public IReadOnlyList<(string Name, long SizeBytes)> Finish()
    {
        var writers = _writers ?? throw new InvalidOperationException("No stem audio was written.");
        var files = new List<(string, long)>(writers.Length);
        for (var s = 0; s < writers.Length; s++)
        {
            writers[s].Dispose();
            var path = Path.Combine(folder, _names[s]);
            File.Move(path + ".partial", path, overwrite: true);
            files.Add((_names[s], new FileInfo(path).Length));
        }

        _writers = null;
        return files;
    }

    /// <summary>Closes files still open (after a failure); their ".partial" names stay.</summary>
    public void Dispose()
    {
        foreach (var writer in _writers ?? [])
        {
            writer.Dispose();
        }

        _writers = null;
    }

    private AudioFileWriter[] Open(StemBlock block)
    {
        Directory.CreateDirectory(folder);
        _names = block.StemNames.Select(stem => $"{stem}.{Extension(format)}").ToArray();
        var writers = new AudioFileWriter[_names.Length];
        try
        {
            for (var s = 0; s < writers.Length; s++)
            {
                var path = Path.Combine(folder, _names[s] + ".partial");
                writers[s] = format == StemFileFormat.Flac
                    ? AudioFileWriter.CreateFlac(path, sampleRate, block.Channels, bitDepth: 24)
                    : AudioFileWriter.CreateWav(path, sampleRate, block.Channels, bitDepth: 24);
            }
        }
        catch
        {
            foreach (var writer in writers.Where(w => w is not null))
            {
                writer.Dispose();
            }

            throw;
        }

        return writers;
    }
}
