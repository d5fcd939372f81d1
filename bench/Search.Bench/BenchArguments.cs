using System.Globalization;

namespace SampleMind.Search.Bench;

/// <summary>Command-line options of the index benchmark.</summary>
internal sealed record BenchArguments
{
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

    public static BenchArguments Parse(string[] args)
    {
        var result = new BenchArguments();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--ef")
            {
                result = result with { EfSearch = [.. args[i + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] };
                continue;
            }

            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            result = args[i] switch
            {
                "--n" => result with { N = value },
                "--dim" => result with { Dimensions = value },
                "--queries" => result with { Queries = value },
                "--recall-queries" => result with { RecallQueries = value },
                "--threads" => result with { Threads = value },
                "--clustered" => result with { Clustered = value != 0 },
                "--m" => result with { M = value },
                "--efc" => result with { EfConstruction = value },
                "--exact-threshold" => result with { ExactThreshold = value },
                "--filter-permille" => result with { FilterFraction = value / 1000.0 },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --n --dim --ef 320[,500,...] --queries --recall-queries --threads --ef --m --efc --exact-threshold --filter-permille --clustered 0|1."),
            };
        }

        return result;
    }
}
