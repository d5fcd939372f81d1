using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using SampleMind.TestSupport;

namespace SampleMind.Audio.Tests;

/// <summary>A real sample cut short (here, never checked in) is analysed with a truncated defect; the whole one is not.</summary>
public sealed class TruncationTests : IDisposable
{
    private static readonly AudioAnalyzer s_analyzer = new(new AudioAnalyzerOptions { UseFfmpegFallback = false });
    private readonly string _folder = Directory.CreateTempSubdirectory("audio-cut-").FullName;

    /// <summary>A 4.28 s loop: 16-bit mono at 44.1 kHz behind a 44-byte header, an 88-byte LIST chunk after the audio.</summary>
    private static string Sample => Path.Combine(RepoPaths.SamplesDev, "arp", "000_arp2.wav");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SharedDataFact]
    public void A_wav_cut_short_is_analysed_with_a_truncated_defect_giving_the_time_missing()
    {
        var bytes = File.ReadAllBytes(Sample);
        var whole = s_analyzer.AnalyzeFile(Sample, AnalysisLevel.Standard);
        var path = Write("cut.wav", bytes[..(bytes.Length * 3 / 5 / 2 * 2)]);

        foreach (var cut in new[]
                 {
                     s_analyzer.AnalyzeFile(path, AnalysisLevel.Standard),
                     s_analyzer.AnalyzeFile(path, File.ReadAllBytes(path), AnalysisLevel.Standard),
                 })
        {
            var missing = whole.Format.Frames - cut.Format.Frames;
            Assert.InRange(missing, whole.Format.Frames / 3, whole.Format.Frames / 2);
            Assert.Equal(missing, cut.Format.MissingFrames);
            var defect = Assert.Single(cut.Defects!.Defects, d => d.Kind == DefectKind.Truncated);
            Assert.Equal(DefectSeverity.Severe, defect.Severity);
            Assert.Equal(Math.Round(missing / 44100.0, 6), defect.Value);
            Assert.Equal(
                string.Create(CultureInfo.InvariantCulture, $"file cut short: {missing / 44100.0:0.###} s of the {whole.Format.DurationSeconds:0.###} s its header promises is missing (40 %)"),
                defect.Description);
            Assert.NotNull(cut.Tempo);
        }
    }

    [SharedDataFact]
    public void The_whole_sample_has_no_truncated_defect_and_its_json_no_missing_frames()
    {
        var whole = s_analyzer.AnalyzeFile(Sample, File.ReadAllBytes(Sample), AnalysisLevel.Standard);

        Assert.Null(whole.Format.MissingFrames);
        Assert.DoesNotContain(whole.Defects!.Defects, d => d.Kind == DefectKind.Truncated);
        Assert.DoesNotContain("missingFrames", JsonSerializer.Serialize(whole, AudioJsonContext.Default.SampleAnalysis), StringComparison.Ordinal);
    }

    [SharedDataFact]
    public void A_cut_in_the_chunk_after_the_audio_misses_no_frame_and_a_cut_one_byte_into_it_misses_the_frame_it_splits()
    {
        var bytes = File.ReadAllBytes(Sample);
        var at = DataLengthAt(bytes);
        var audioEnd = at + 4 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at)); // a LIST chunk follows
        var odd = bytes[..audioEnd];
        BinaryPrimitives.WriteInt32LittleEndian(odd.AsSpan(at), audioEnd - at - 4 + 1);

        Assert.Null(s_analyzer.AnalyzeFile(Write("list.wav", bytes[..^1]), AnalysisLevel.Fast).Format.MissingFrames);
        Assert.Null(s_analyzer.AnalyzeFile(Write("odd.wav", odd), AnalysisLevel.Fast).Format.MissingFrames);
        Assert.Equal(1, s_analyzer.AnalyzeFile(Write("byte.wav", bytes[..(audioEnd - 1)]), AnalysisLevel.Fast).Format.MissingFrames);
    }

    [SharedDataTheory]
    [InlineData(uint.MaxValue)]
    [InlineData(int.MaxValue)]
    public void A_wav_whose_data_length_is_a_streaming_writers_placeholder_is_not_truncated(uint length)
    {
        var bytes = File.ReadAllBytes(Sample);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(DataLengthAt(bytes)), length);

        var analysis = s_analyzer.AnalyzeFile(Write("streamed.wav", bytes), AnalysisLevel.Standard);

        Assert.Null(analysis.Format.MissingFrames);
        Assert.DoesNotContain(analysis.Defects!.Defects, d => d.Kind == DefectKind.Truncated);
    }

    [SharedDataFact]
    public void A_flac_cut_short_is_told_by_its_streaminfo_total()
    {
        var decoded = new AudioDecoder().Decode(Sample);
        var path = Path.Combine(_folder, "whole.flac");
        AudioEncoder.WriteFlac(path, decoded.Samples.Span, decoded.SampleRate, decoded.Channels);
        var bytes = File.ReadAllBytes(path);

        var whole = s_analyzer.AnalyzeFile(path, AnalysisLevel.Standard);
        var cut = s_analyzer.AnalyzeFile(Write("cut.flac", bytes[..(bytes.Length / 2)]), AnalysisLevel.Standard);

        Assert.Null(whole.Format.MissingFrames);
        Assert.DoesNotContain(whole.Defects!.Defects, d => d.Kind == DefectKind.Truncated);
        Assert.Equal(decoded.Frames, cut.Format.Frames + cut.Format.MissingFrames);
        Assert.InRange(cut.Format.MissingFrames!.Value, decoded.Frames / 4, decoded.Frames * 3 / 4);
        Assert.Contains(cut.Defects!.Defects, d => d.Kind == DefectKind.Truncated);
    }

    [SharedDataFact]
    public void An_aiff_cut_short_is_told_by_its_sound_chunk_length()
    {
        var decoded = new AudioDecoder().Decode(Sample);
        var bytes = Aiff(decoded);

        var whole = s_analyzer.AnalyzeFile(Write("whole.aiff", bytes), AnalysisLevel.Fast);
        var cut = s_analyzer.AnalyzeFile(Write("cut.aiff", bytes[..(bytes.Length / 2)]), AnalysisLevel.Standard);

        Assert.Equal(("aiff", decoded.Frames), (whole.Format.Container, whole.Format.Frames));
        Assert.Null(whole.Format.MissingFrames);
        Assert.Equal(decoded.Frames, cut.Format.Frames + cut.Format.MissingFrames);
        Assert.Contains(cut.Defects!.Defects, d => d.Kind == DefectKind.Truncated);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Where the data chunk's length is in a canonical WAV file.</summary>
    private static int DataLengthAt(byte[] wav) => wav.AsSpan().IndexOf("data"u8) + 4;

    /// <summary>16-bit big-endian AIFF: FORM, COMM (rate as an 80-bit extended float), SSND with offset and block size 0.</summary>
    private static byte[] Aiff(DecodedAudio audio)
    {
        var samples = audio.Samples.Span;
        var data = samples.Length * 2;
        var bytes = new byte[12 + 26 + 16 + data];
        var span = bytes.AsSpan();
        "FORM"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], bytes.Length - 8);
        "AIFFCOMM"u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32BigEndian(span[16..], 18);
        BinaryPrimitives.WriteInt16BigEndian(span[20..], (short)audio.Channels);
        BinaryPrimitives.WriteInt32BigEndian(span[22..], (int)audio.Frames);
        BinaryPrimitives.WriteInt16BigEndian(span[26..], 16);
        var exponent = (int)Math.Floor(Math.Log2(audio.SampleRate));
        BinaryPrimitives.WriteUInt16BigEndian(span[28..], (ushort)(16383 + exponent));
        BinaryPrimitives.WriteUInt64BigEndian(span[30..], (ulong)audio.SampleRate << (63 - exponent));
        "SSND"u8.CopyTo(span[38..]);
        BinaryPrimitives.WriteInt32BigEndian(span[42..], data + 8);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(span[(54 + (2 * i))..], (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * short.MaxValue));
        }

        return bytes;
    }
}
