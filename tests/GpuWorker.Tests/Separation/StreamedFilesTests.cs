using SampleMind.Audio;
using SampleMind.Audio.Errors;
using SampleMind.GpuWorker.Separation;
using SampleMind.GpuWorker.Tests.Support;

namespace SampleMind.GpuWorker.Tests.Separation;

/// <summary>The worker's file path: a file read block by block, stems written block by block as WAV or FLAC.</summary>
public sealed class StreamedFilesTests : IDisposable
{
    private const int Rate = 22050;
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-stems-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(StemFileFormat.Wav)]
    [InlineData(StemFileFormat.Flac)]
    public async Task A_file_is_separated_into_stem_files_that_sum_to_it(StemFileFormat format)
    {
        var source = WriteSource(seconds: 20);
        var (separator, registry) = Separators.Create(modelsDirectory: null, new SeparationOptions { DspSegmentSeconds = 4, DspOverlapSeconds = 0.5 });
        using var _ = registry;
        var reports = new List<long>();
        using var file = AudioFileReader.Open(source);
        using var sink = new StemFileSink(Path.Combine(_dir, "out"), format, file.SampleRate, frames =>
        {
            reports.Add(frames);
            return Task.CompletedTask;
        });

        var summary = await separator.SeparateAsync(new AudioFileBlockReader(file), sink);
        var files = sink.Finish();

        var extension = StemFileSink.Extension(format);
        Assert.Equal([$"harmonic.{extension}", $"percussive.{extension}"], files.Select(f => f.Name).ToArray());
        Assert.Equal(files.Select(f => f.Name).Order().ToArray(), Directory.GetFiles(Path.Combine(_dir, "out")).Select(f => Path.GetFileName(f)).Order().ToArray());
        Assert.Equal(20L * Rate, summary.Frames);
        Assert.True(reports.Count > 3, $"progress was heard {reports.Count} times");
        Assert.Equal(reports.Order().ToList(), reports);
        Assert.Equal(20L * Rate, reports[^1]);
        var mixture = new AudioDecoder().Decode(source).Samples.ToArray();
        var harmonic = new AudioDecoder().Decode(Path.Combine(_dir, "out", files[0].Name));
        var percussive = new AudioDecoder().Decode(Path.Combine(_dir, "out", files[1].Name)).Samples.ToArray();
        Assert.Equal(extension == "flac" ? "FLAC" : "WAV", harmonic.Format.Container, ignoreCase: true);
        var h = harmonic.Samples.ToArray();
        Assert.Equal(mixture.Length, h.Length);
        var worst = mixture.Select((m, i) => Math.Abs(h[i] + percussive[i] - m)).Max();
        Assert.True(worst < 1e-3, $"the stems depart from the mixture by {worst}");
    }

    [Fact]
    public async Task A_cancelled_separation_leaves_only_partial_files()
    {
        var source = WriteSource(seconds: 20);
        var (separator, registry) = Separators.Create(modelsDirectory: null, new SeparationOptions { DspSegmentSeconds = 2, DspOverlapSeconds = 0.5 });
        using var _ = registry;
        using var cancel = new CancellationTokenSource();
        using var file = AudioFileReader.Open(source);
        var folder = Path.Combine(_dir, "cut");
        using (var sink = new StemFileSink(folder, StemFileFormat.Wav, file.SampleRate, frames => frames > Rate * 3 ? cancel.CancelAsync() : Task.CompletedTask))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => separator.SeparateAsync(new AudioFileBlockReader(file), sink, cancellationToken: cancel.Token));
        }

        Assert.Equal(["harmonic.wav.partial", "percussive.wav.partial"], Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order().ToArray());
    }

    [Fact]
    public void A_file_longer_than_the_maximum_duration_is_refused_before_reading()
    {
        var source = WriteSource(seconds: 3);

        var error = Assert.Throws<AudioTooLongException>(() => AudioFileReader.Open(source, new AudioAnalyzerOptions { MaxDuration = TimeSpan.FromSeconds(2) }));

        Assert.Contains("2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A stereo mixture of a sustained chord and clicks every quarter second, 16-bit WAV.</summary>
    private string WriteSource(int seconds)
    {
        var frames = Rate * seconds;
        var interleaved = new float[frames * 2];
        for (var i = 0; i < frames; i++)
        {
            var t = (double)i / Rate;
            var chord = 0.2 * (Math.Sin(2 * Math.PI * 220 * t) + Math.Sin(2 * Math.PI * 277.18 * t));
            var click = i % (Rate / 4) < 40 ? 0.5 * Math.Sin(i * 1.7) : 0;
            interleaved[2 * i] = (float)(chord + click);
            interleaved[(2 * i) + 1] = (float)(chord - click);
        }

        var path = Path.Combine(_dir, $"source-{seconds}.wav");
        AudioEncoder.WriteWav(path, interleaved, Rate, 2);
        return path;
    }
}
