using SampleMind.Audio;
using SampleMind.Search.Fingerprints;
using SampleMind.TestSupport;
using Xunit.Abstractions;

namespace SampleMind.Search.Tests.Fingerprints;

/// <summary>Duplicates of a real sample: a byte-identical copy and a re-encoded copy that starts one second later.</summary>
public sealed class RealCopyTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void A_copy_and_a_delayed_re_encoded_copy_are_found_with_their_offsets()
    {
        var analyzer = new AudioAnalyzer();
        var source = Path.Combine(RepoPaths.SamplesDev, "led", "000_foo.wav");
        var decoded = new AudioDecoder().Decode(source);
        var silence = decoded.SampleRate * decoded.Channels;
        var shifted = new float[silence + decoded.Samples.Length];
        decoded.Samples.Span.CopyTo(shifted.AsSpan(silence));
        var late = Path.Combine(Path.GetTempPath(), $"samplemind-late-{Guid.NewGuid():N}.wav");
        WavWriter.Write(late, shifted, decoded.SampleRate, decoded.Channels);
        try
        {
            var index = new FingerprintIndex();
            var original = Print(analyzer, source);
            index.Add("original", original);
            index.Add("copy", Print(analyzer, source));
            index.Add("late", Print(analyzer, late));
            index.Add("other", Print(analyzer, Path.Combine(RepoPaths.SamplesDev, "em2", "5.wav")));
            var hits = index.FindSimilar(original);
            output.WriteLine($"frames {original.Length}, distinct {original.Distinct().Count()}: " + string.Join(", ", hits));
            Assert.Equal(0, hits.Single(h => h.SampleId == "copy").Match.Offset);
            Assert.InRange(hits.Single(h => h.SampleId == "late").Match.Offset, 7, 9);
            Assert.DoesNotContain(hits, h => h.SampleId == "other");
        }
        finally
        {
            File.Delete(late);
        }
    }

    private static uint[] Print(AudioAnalyzer analyzer, string path) =>
        [.. analyzer.AnalyzeFile(path, AnalysisLevel.Fast).Fingerprint.Raw.Select(v => unchecked((uint)v))];
}
