using System.Text.Json;
using SampleMind.Audio.Errors;
using SampleMind.Audio.Tests.Signals;
using SampleMind.TestSupport;

namespace SampleMind.Audio.Tests;

/// <summary>A file's bytes already in memory (as the ingest reads them to hash) decode as the file does.</summary>
public sealed class InMemoryDecodingTests : IDisposable
{
    private static readonly AudioAnalyzer s_analyzer = new(new AudioAnalyzerOptions { UseFfmpegFallback = false });
    private readonly string _folder = Directory.CreateTempSubdirectory("audio-memory-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("wav", 44100, 1, 16)]
    [InlineData("wav", 48000, 2, 24)]
    [InlineData("wav", 22050, 2, 32)]
    [InlineData("flac", 44100, 2, 16)]
    public void A_file_analysed_from_its_bytes_gives_the_analysis_of_the_file(string format, int rate, int channels, int bits)
    {
        var path = Path.Combine(_folder, $"chord.{format}");
        var interleaved = Interleave(SignalFactory.Sine(330, 1.5, rate), SignalFactory.Sine(495, 1.5, rate), channels);
        if (format == "flac")
        {
            AudioEncoder.WriteFlac(path, interleaved, rate, channels, bits);
        }
        else
        {
            AudioEncoder.WriteWav(path, interleaved, rate, channels, bits);
        }

        var fromFile = s_analyzer.AnalyzeFile(path, AnalysisLevel.Full);
        var fromBytes = s_analyzer.AnalyzeFile(path, File.ReadAllBytes(path), AnalysisLevel.Full);

        Assert.Equal(format, fromBytes.Format.Container);
        Assert.Equal(JsonSerializer.Serialize(fromFile), JsonSerializer.Serialize(fromBytes));
    }

    [SharedDataFact]
    public void Real_samples_analysed_from_their_bytes_give_the_analyses_of_their_files()
    {
        var files = Directory.EnumerateFiles(RepoPaths.SamplesDev, "*.wav", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Where((_, i) => i % 10 == 0)
            .ToArray();
        Assert.True(files.Length > 70, $"{files.Length} files");
        foreach (var file in files)
        {
            var fromFile = s_analyzer.AnalyzeFile(file, AnalysisLevel.Standard);
            var fromBytes = s_analyzer.AnalyzeFile(file, File.ReadAllBytes(file), AnalysisLevel.Standard);
            Assert.True(JsonSerializer.Serialize(fromFile) == JsonSerializer.Serialize(fromBytes), file);
        }
    }

    [Fact]
    public void Bytes_that_are_not_audio_are_a_decode_error_naming_the_file()
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not audio at all. ", 200)));

        var error = Assert.Throws<AudioDecodeException>(() => s_analyzer.AnalyzeFile("/in/notes.wav", bytes, AnalysisLevel.Standard));

        Assert.Contains("libsndfile", error.Reason, StringComparison.Ordinal);
        Assert.Contains("/in/notes.wav", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_bytes_are_an_empty_file_error()
    {
        var error = Assert.Throws<AudioDecodeException>(() => s_analyzer.AnalyzeFile("/in/empty.wav", ReadOnlyMemory<byte>.Empty, AnalysisLevel.Fast));

        Assert.Contains("empty", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_third_of_a_file_analyses_as_the_truncated_file_does()
    {
        var path = Path.Combine(_folder, "cut.wav");
        AudioEncoder.WriteWav(path, SignalFactory.Sine(200, 1, 44100), 44100, 1);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var fromBytes = s_analyzer.AnalyzeFile(path, bytes.AsMemory(0, bytes.Length / 3), AnalysisLevel.Standard);

        Assert.InRange(fromBytes.Format.DurationSeconds, 0.2, 0.4);
        Assert.Equal(JsonSerializer.Serialize(s_analyzer.AnalyzeFile(path, AnalysisLevel.Standard)), JsonSerializer.Serialize(fromBytes));
    }

    private static float[] Interleave(float[] left, float[] right, int channels)
    {
        var interleaved = new float[left.Length * channels];
        for (var i = 0; i < left.Length; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                interleaved[(i * channels) + c] = c % 2 == 0 ? left[i] : right[i];
            }
        }

        return interleaved;
    }
}
