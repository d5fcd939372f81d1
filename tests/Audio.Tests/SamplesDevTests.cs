using System.Security.Cryptography;
using SampleMind.Audio.Errors;
using SampleMind.TestSupport;

namespace SampleMind.Audio.Tests;

public sealed class SamplesDevTests
{
    private static readonly AudioAnalyzer s_analyzer = new();

    private static string[] AudioFiles() => Directory.EnumerateFiles(RepoPaths.SamplesDev, "*", SearchOption.AllDirectories)
        .Where(f => Path.GetExtension(f).Equals(".wav", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .ToArray();

    [SharedDataFact]
    public void Every_sample_analyses_at_fast_level_or_fails_with_a_typed_error_and_none_is_cut_short()
    {
        var files = AudioFiles();
        var analysed = 0;
        foreach (var file in files)
        {
            try
            {
                var analysis = s_analyzer.AnalyzeFile(file, AnalysisLevel.Fast);
                Assert.True(analysis.Format.Frames > 0, file);
                Assert.True(analysis.Format.MissingFrames is null, $"{file}: {analysis.Format.MissingFrames} frames missing");
                analysed++;
            }
            catch (AudioException)
            {
                // a typed error is an accepted outcome
            }
        }

        Assert.True(files.Length > 800, $"{files.Length} files found");
        Assert.True(analysed > files.Length * 0.99, $"{analysed} of {files.Length} analysed");
    }

    [SharedDataFact]
    public void Loop_folders_named_with_a_tempo_are_analysed_at_that_tempo()
    {
        var folders = Directory.GetDirectories(RepoPaths.SamplesDev)
            .Select(d => (Path: d, Bpm: TempoInName(Path.GetFileName(d))))
            .Where(f => f.Bpm is >= 60 and <= 200)
            .ToArray();
        Assert.NotEmpty(folders);
        foreach (var (folder, bpm) in folders)
        {
            foreach (var file in Directory.GetFiles(folder).Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)))
            {
                var tempo = s_analyzer.AnalyzeFile(file, AnalysisLevel.Standard).Tempo;
                Assert.NotNull(tempo);
                var ok = new[] { 1.0, 2, 0.5, 3, 1.0 / 3 }.Any(f => Math.Abs(tempo.Bpm - (bpm!.Value * f)) <= 0.04 * bpm.Value * f);
                Assert.True(ok, $"{file}: {tempo.Bpm} BPM, folder says {bpm}");
            }
        }
    }

    [SharedDataFact]
    public void Byte_identical_files_are_duplicates_by_fingerprint_and_unrelated_files_are_not()
    {
        var files = AudioFiles();
        var groups = files.GroupBy(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))
            .Where(g => g.Count() > 1)
            .ToArray();
        Assert.NotEmpty(groups);
        foreach (var group in groups)
        {
            var first = s_analyzer.AnalyzeFile(group.First(), AnalysisLevel.Fast).Fingerprint;
            foreach (var other in group.Skip(1))
            {
                var match = AudioFingerprint.Compare(first, s_analyzer.AnalyzeFile(other, AnalysisLevel.Fast).Fingerprint);
                Assert.True(match.IsDuplicate, $"{group.First()} vs {other}: {match.Similarity}");
            }
        }

        var byFolder = files.GroupBy(f => Path.GetDirectoryName(f)!).Select(g => g.First()).ToArray();
        var similarities = new List<double>();
        for (var i = 0; i + 1 < byFolder.Length; i += 2)
        {
            var a = s_analyzer.AnalyzeFile(byFolder[i], AnalysisLevel.Fast).Fingerprint;
            var b = s_analyzer.AnalyzeFile(byFolder[i + 1], AnalysisLevel.Fast).Fingerprint;
            similarities.Add(AudioFingerprint.Compare(a, b).Similarity);
        }

        Assert.True(similarities.Count(s => s >= 0.9) <= similarities.Count / 20, string.Join(", ", similarities));
        Assert.True(similarities.Average() < 0.8, $"mean similarity {similarities.Average():0.000}");
    }

    [SharedDataFact]
    public void Mutated_real_files_give_an_analysis_or_an_audio_exception()
    {
        var sources = AudioFiles().Where((_, i) => i % 200 == 0).Take(4).ToArray();
        var folder = Directory.CreateTempSubdirectory("audio-fuzz-").FullName;
        var random = new Random(20260401);
        int analysed = 0, typed = 0;
        try
        {
            for (var m = 0; m < 200; m++)
            {
                var bytes = File.ReadAllBytes(sources[m % sources.Length]);
                bytes = Mutate(bytes, random);
                var path = Path.Combine(folder, $"m{m:000}.wav");
                File.WriteAllBytes(path, bytes);
                try
                {
                    var analysis = s_analyzer.AnalyzeFile(path, AnalysisLevel.Standard);
                    Assert.True(analysis.Format.Frames > 0);
                    analysed++;
                }
                catch (AudioException)
                {
                    typed++;
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal(200, analysed + typed);
        Assert.True(analysed > 0 && typed > 0, $"{analysed} analysed, {typed} typed errors");
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        if (random.Next(3) == 0)
        {
            return bytes[..random.Next(0, bytes.Length)];
        }

        var copy = (byte[])bytes.Clone();
        var flips = random.Next(1, 40);
        for (var i = 0; i < flips; i++)
        {
            var at = random.Next(2) == 0 ? random.Next(Math.Min(64, copy.Length)) : random.Next(copy.Length);
            copy[at] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static int? TempoInName(string name)
    {
        var digits = new string(name.SkipWhile(c => !char.IsDigit(c)).TakeWhile(char.IsDigit).ToArray());
        return digits.Length is 2 or 3 && int.TryParse(digits, out var bpm) && !name.StartsWith("808", StringComparison.Ordinal) ? bpm : null;
    }
}
