using System.Globalization;

namespace SampleMind.Audio.Eval;

/// <summary>Command line of the evaluation tool.</summary>
internal sealed record EvalOptions
{
    public string? Folder { get; init; }

    public string? Labels { get; init; }

    public AnalysisLevel Level { get; init; } = AnalysisLevel.Standard;

    public int Threads { get; init; } = 1;

    public string? CsvOut { get; init; }

    public string? JsonOut { get; init; }

    public string? GenerateKeysTo { get; init; }

    public int GenerateCount { get; init; } = 48;

    public bool Quiet { get; init; }

    public const string Usage = """
        usage: Audio.Eval <folder> [--labels file.csv] [--level fast|standard|full] [--threads N]
                          [--csv out.csv] [--json out.json] [--quiet]
               Audio.Eval --generate-keys <out-folder> [--count N]   (renders tonal pieces + labels.csv)
        labels CSV: file,bpm,key   (file relative to the folder; key like "F# minor" or "Bb major"; empty = unknown)
        """;

    public static EvalOptions? Parse(string[] args)
    {
        var o = new EvalOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--labels" => o with { Labels = Next() },
                "--level" => o with { Level = Enum.Parse<AnalysisLevel>(Next(), ignoreCase: true) },
                "--threads" => o with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--csv" => o with { CsvOut = Next() },
                "--json" => o with { JsonOut = Next() },
                "--generate-keys" => o with { GenerateKeysTo = Next() },
                "--count" => o with { GenerateCount = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--quiet" => o with { Quiet = true },
                "-h" or "--help" => throw new ArgumentException("help"),
                var folder when !folder.StartsWith('-') => o with { Folder = folder },
                var other => throw new ArgumentException($"unknown option {other}"),
            };
        }

        return o.Folder is null && o.GenerateKeysTo is null ? null : o;
    }
}
