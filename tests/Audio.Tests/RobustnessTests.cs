using SampleMind.Audio.Errors;
using SampleMind.Audio.Tests.Signals;

namespace SampleMind.Audio.Tests;

public sealed class RobustnessTests : IDisposable
{
    private static readonly AudioAnalyzer s_analyzer = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("audio-robust-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Zero_length_file_is_a_decode_error()
    {
        var path = Path.Combine(_folder, "empty.wav");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<AudioDecodeException>(() => s_analyzer.AnalyzeFile(path, AnalysisLevel.Standard));

        Assert.Contains("empty", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_audio_bytes_with_an_audio_extension_are_a_decode_error()
    {
        var path = Path.Combine(_folder, "text.wav");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("this is not audio at all. ", 200)));

        Assert.Throws<AudioDecodeException>(() => s_analyzer.AnalyzeFile(path, AnalysisLevel.Standard));
    }

    [Fact]
    public void Missing_file_is_a_decode_error()
    {
        Assert.Throws<AudioDecodeException>(() => s_analyzer.AnalyzeFile(Path.Combine(_folder, "absent.flac"), AnalysisLevel.Fast));
    }

    [Fact]
    public void Nan_and_infinite_samples_are_replaced_and_reported()
    {
        var x = SignalFactory.Sine(330, 1, 44100);
        x[100] = float.NaN;
        x[200] = float.PositiveInfinity;

        var analysis = s_analyzer.Analyze(x, 44100, 1, AnalysisLevel.Standard);

        var invalid = Assert.Single(analysis.Defects!.Defects, d => d.Kind == DefectKind.InvalidSamples);
        Assert.Equal(2, invalid.Value);
        Assert.NotNull(analysis.Loudness.SamplePeakDbfs);
    }

    [Theory]
    [InlineData(AnalysisLevel.Fast)]
    [InlineData(AnalysisLevel.Full)]
    public void One_sample_buffer_gives_an_analysis(AnalysisLevel level)
    {
        var analysis = s_analyzer.Analyze([0.25f], 44100, 1, level);

        Assert.Equal(1, analysis.Format.Frames);
        Assert.Null(analysis.Loudness.IntegratedLufs);
    }

    [Fact]
    public void Silence_gives_an_analysis_without_levels()
    {
        var analysis = s_analyzer.Analyze(new float[44100], 44100, 2, AnalysisLevel.Full);

        Assert.Null(analysis.Loudness.SamplePeakDbfs);
        Assert.Contains(analysis.Defects!.Defects, d => d.Kind == DefectKind.VeryLowLevel);
    }

    [Theory]
    [InlineData(8000, 1, 16, false)]
    [InlineData(22050, 2, 24, false)]
    [InlineData(44100, 8, 32, false)]
    [InlineData(96000, 2, 32, true)]
    [InlineData(192000, 1, 16, false)]
    public void Wav_files_of_any_rate_channels_and_depth_are_analysed(int rate, int channels, int bits, bool floating)
    {
        var mono = SignalFactory.Sine(440, 1.2, rate);
        var interleaved = new float[mono.Length * channels];
        for (var i = 0; i < mono.Length; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                interleaved[(i * channels) + c] = mono[i];
            }
        }

        var path = Path.Combine(_folder, $"tone_{rate}_{channels}_{bits}.wav");
        AudioEncoder.WriteWav(path, interleaved, rate, channels, bits, floating);

        var analysis = s_analyzer.AnalyzeFile(path, AnalysisLevel.Standard);

        Assert.Equal(rate, analysis.Format.SampleRate);
        Assert.Equal(channels, analysis.Format.Channels);
        Assert.Equal(mono.Length, analysis.Format.Frames);
        Assert.Equal(floating ? "pcm_f32" : $"pcm_s{bits}", analysis.Format.Codec);
        Assert.Equal("A4", analysis.Pitch?.Note);
    }

    [Fact]
    public void Flac_round_trip_keeps_the_samples()
    {
        var tone = SignalFactory.Sine(1000, 0.5, 48000);
        var path = Path.Combine(_folder, "tone.flac");
        AudioEncoder.WriteFlac(path, tone, 48000, 1, 24);

        var decoded = new AudioDecoder().Decode(path);

        Assert.Equal("flac", decoded.Format.Container);
        Assert.Equal(tone.Length, decoded.Frames);
        var samples = decoded.Samples.Span;
        for (var i = 0; i < tone.Length; i += 97)
        {
            Assert.InRange(samples[i] - tone[i], -1e-4f, 1e-4f);
        }
    }

    [Fact]
    public void Audio_longer_than_the_maximum_is_a_too_long_error()
    {
        var path = Path.Combine(_folder, "long.wav");
        AudioEncoder.WriteWav(path, new float[8000 * 5], 8000, 1);
        var analyzer = new AudioAnalyzer(new AudioAnalyzerOptions { MaxDuration = TimeSpan.FromSeconds(2) });

        var error = Assert.Throws<AudioTooLongException>(() => analyzer.AnalyzeFile(path, AnalysisLevel.Fast));

        Assert.Equal(TimeSpan.FromSeconds(2), error.Maximum);
        Assert.Equal("Audio lasts at least 5 s, more than the 2 s allowed", error.Message);
    }

    [Fact]
    public void Audio_a_millisecond_over_the_maximum_is_named_to_the_millisecond()
    {
        var path = Path.Combine(_folder, "just-over.wav");
        AudioEncoder.WriteWav(path, new float[8008], 8000, 1);
        var analyzer = new AudioAnalyzer(new AudioAnalyzerOptions { MaxDuration = TimeSpan.FromSeconds(1) });

        var error = Assert.Throws<AudioTooLongException>(() => analyzer.AnalyzeFile(path, AnalysisLevel.Fast));

        Assert.Equal("Audio lasts at least 1.001 s, more than the 1 s allowed", error.Message);
    }

    [Fact]
    public void Truncated_file_gives_an_analysis_of_what_is_there_with_a_truncated_defect()
    {
        var path = Path.Combine(_folder, "cut.wav");
        AudioEncoder.WriteWav(path, SignalFactory.Sine(200, 1, 44100), 44100, 1);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var analysis = s_analyzer.AnalyzeFile(path, AnalysisLevel.Standard);

        Assert.InRange(analysis.Format.DurationSeconds, 0.2, 0.4);
        Assert.Equal(44100, analysis.Format.Frames + analysis.Format.MissingFrames);
        Assert.Contains(analysis.Defects!.Defects, d => d.Kind == DefectKind.Truncated);
    }
}
