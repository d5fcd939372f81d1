using System.Globalization;

namespace SampleMind.Search.Bench;

/// <summary>Command-line options of the index benchmark.</summary>
internal sealed record BenchArguments
{
    public const string Usage =
        "options: --n --dim --queries --recall-queries --threads --ef 320[,500,...] --m --efc --exact-threshold "
        + "--filter-permille --clustered 0|1 --target-recall 0.95 --max-ef 4096 --save FILE --load FILE "
        + "--one-by-one 0|1 (build by single upserts, as a library grain adds samples) --link-batch N";

    public int N { get; init; } = 1_000_000;

    public int Dimensions { get; init; } = 64;

    public int Queries { get; init; } = 1000;

    public int RecallQueries { get; init; } = 200;

    public int Threads { get; init; } = Environment.ProcessorCount;

    public IReadOnlyList<int> EfSearch { get; init; } = [];

    public bool Clustered { get; init; }

    public int? M { get; init; }

    public int? EfConstruction { get; init; }

    public int? ExactThreshold { get; init; }

    public double? FilterFraction { get; init; }

    /// <summary>Build with one <see cref="Index.HnswIndex.Upsert(string, System.ReadOnlySpan{float})"/> per vector instead of batches of AddRange.</summary>
    public bool OneByOne { get; init; }

    /// <summary><see cref="Index.HnswOptions.LinkBatch"/>; null: its default.</summary>
    public int? LinkBatch { get; init; }

    /// <summary>The recall@10 the "ef for recall" search aims at; 0 skips that search.</summary>
    public double TargetRecall { get; init; } = 0.95;

    public int MaxEf { get; init; } = 4096;

    /// <summary>Writes the built index here (then later runs can <see cref="Load"/> it instead of building).</summary>
    public string? Save { get; init; }

    /// <summary>Loads the index from this file instead of building one (N, M and efc then come from the file).</summary>
    public string? Load { get; init; }

    public static BenchArguments Parse(string[] args)
    {
        var result = new BenchArguments();
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Every option takes a value; {Usage}.");
        }

        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i < args.Length; i += 2)
        {
            var text = args[i + 1];
            result = args[i] switch
            {
                "--ef" => result with { EfSearch = [.. text.Split(',').Select(v => int.Parse(v, inv))] },
                "--target-recall" => result with { TargetRecall = double.Parse(text, inv) },
                "--save" => result with { Save = text },
                "--load" => result with { Load = text },
                "--n" => result with { N = int.Parse(text, inv) },
                "--dim" => result with { Dimensions = int.Parse(text, inv) },
                "--queries" => result with { Queries = int.Parse(text, inv) },
                "--recall-queries" => result with { RecallQueries = int.Parse(text, inv) },
                "--threads" => result with { Threads = int.Parse(text, inv) },
                "--clustered" => result with { Clustered = int.Parse(text, inv) != 0 },
                "--m" => result with { M = int.Parse(text, inv) },
                "--efc" => result with { EfConstruction = int.Parse(text, inv) },
                "--exact-threshold" => result with { ExactThreshold = int.Parse(text, inv) },
                "--filter-permille" => result with { FilterFraction = int.Parse(text, inv) / 1000.0 },
                "--max-ef" => result with { MaxEf = int.Parse(text, inv) },
                "--one-by-one" => result with { OneByOne = int.Parse(text, inv) != 0 },
                "--link-batch" => result with { LinkBatch = int.Parse(text, inv) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; {Usage}."),
            };
        }

        return result;
    }
}
