using System.Globalization;

namespace SampleMind.Cluster.Bench;

/// <summary>The command line: "silo --port N" (the child), or the benchmark's knobs.</summary>
internal sealed record BenchOptions
{
    public bool Silo { get; init; }

    public int Port { get; init; }

    public string? Postgres { get; init; }

    public double Seconds { get; init; } = 10;

    public int Runs { get; init; } = 3;

    public int Callers { get; init; } = 256;

    public double Rate { get; init; } = 10_000;

    public int Grains { get; init; } = 1000;

    public bool InProcess { get; init; }

    public double WarmUp { get; init; } = 6;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "silo" => options with { Silo = true },
                "--port" => options with { Port = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--postgres" => options with { Postgres = Next() },
                "--seconds" => options with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--callers" => options with { Callers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--grains" => options with { Grains = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => options with { WarmUp = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--in-process" => options with { InProcess = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. See the comment at the top of Program.cs."),
            };
        }

        if (options.Runs < 1 || options.Callers < 1 || options.Grains < 1 || options.Rate <= 0 || options.Seconds <= 0 || options.WarmUp < 0)
        {
            throw new ArgumentException("--runs, --callers, --grains, --rate and --seconds must be positive, --warmup not negative.");
        }

        return options;
    }
}
