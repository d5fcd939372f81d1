using System.Globalization;

namespace SampleMind.Audio.Eval;

/// <summary>Tempo/key accuracy against a labels CSV, and embedding precision@5 by folder.</summary>
internal static class Accuracy
{
    public static void Print(string? labelsPath, EvalResult[] results)
    {
        if (labelsPath is null)
        {
            return;
        }

        var byFile = results.ToDictionary(r => r.RelativePath.Replace('\\', '/'), StringComparer.OrdinalIgnoreCase);
        int tempoCount = 0, acc1 = 0, acc2 = 0, keyCount = 0;
        var keyScore = 0.0;
        foreach (var line in File.ReadLines(labelsPath).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 3 || !byFile.TryGetValue(parts[0].Trim(), out var r) || r.Analysis is null)
            {
                continue;
            }

            if (double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var bpm) && bpm > 0)
            {
                tempoCount++;
                var estimate = r.Analysis.Tempo?.Bpm ?? 0;
                acc1 += Scoring.TempoAcc1(estimate, bpm) ? 1 : 0;
                acc2 += Scoring.TempoAcc2(estimate, bpm) ? 1 : 0;
            }

            if (Scoring.ParseKey(parts[2]) is { } reference)
            {
                keyCount++;
                var best = r.Analysis.Key?.Best;
                keyScore += best is null ? 0 : Scoring.KeyScore(best.TonicPitchClass, best.Mode == KeyMode.Minor, reference.Tonic, reference.Minor);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tempo: {tempoCount} labelled; Acc1 {Ratio(acc1, tempoCount):0.000}; Acc2 {Ratio(acc2, tempoCount):0.000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"key: {keyCount} labelled; MIREX weighted score {(keyCount == 0 ? 0 : keyScore / keyCount):0.000}"));
    }

    /// <summary>For each file with an embedding, the share of its 5 nearest (cosine) that come from the same folder.</summary>
    public static void PrintPrecisionAt5(EvalResult[] ok)
    {
        var items = ok.Where(r => r.Analysis!.Embedding is { Count: > 0 }).ToArray();
        if (items.Length < 10)
        {
            return;
        }

        var vectors = items.Select(r => r.Analysis!.Embedding!.ToArray()).ToArray();
        var total = 0.0;
        var scores = new double[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            for (var j = 0; j < items.Length; j++)
            {
                scores[j] = i == j ? double.NegativeInfinity : System.Numerics.Tensors.TensorPrimitives.Dot(vectors[i], vectors[j]);
            }

            var top = Enumerable.Range(0, items.Length).OrderByDescending(j => scores[j]).Take(5);
            total += top.Count(j => items[j].Folder == items[i].Folder) / 5.0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"embedding: precision@5 by folder {total / items.Length:0.000} over {items.Length} files"));
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}
