using System.Globalization;
using SampleMind.Audio;
using SampleMind.TestSupport;

namespace SampleMind.Ingest.Bench;

/// <summary>The command line; see the comment at the top of Program.cs.</summary>
internal sealed record IngestBenchOptions
{
    public const string Usage = """
        usage: Ingest.Bench [--mode bare,embedded,cluster] [--level fast|standard|full] [--runs N] [--interleave]
                            [--folder DIR] [--concurrency N] [--host-concurrency N] [--silos N] [--timeout-minutes M] [--warmup N]
        defaults: every mode, level standard, 1 run, ../shared/data/samples-dev, concurrency (bare threads) = cores,
                  runs of a mode one after another (--interleave: round by round, every mode once per round, each
                  compared with its own round's bare run),
                  host concurrency = the host's default (Ingest:Concurrency, 4 x cores), 2 silos in cluster mode,
                  20 generated warm-up files ingested untimed by each host before the timed job (0: cold host)
        cluster mode uses SAMPLEMIND_TEST_POSTGRES, or starts a throwaway server with scripts/postgres-test-server.sh
               Ingest.Bench --compare-read-once ROUNDS [--folder DIR] [--level L]
        an ingest's reading of each file, on one thread, alternated file by file: hashed streaming and analysed from the
        file, against read once, hashed and analysed from the bytes (Ingest:ReadOnceMaxBytes); CPU seconds each way
               Ingest.Bench --list-flat FILES
        a job's listing of one folder of FILES empty .wav files (made in a temp folder), in batches of
        Ingest:ListBatchSize as a job lists: time per batch and for the whole folder
        """;

    public IReadOnlyList<BenchMode> Modes { get; init; } = [BenchMode.Bare, BenchMode.Embedded, BenchMode.Cluster];

    public AnalysisLevel Level { get; init; } = AnalysisLevel.Standard;

    public int Runs { get; init; } = 1;

    /// <summary>
    /// Measure round by round (every mode once per round) instead of mode by mode, and compare each run with the bare run
    /// of its own round: on a machine whose speed drifts over minutes, a ratio within a round is steadier than one
    /// against the median of bare runs measured minutes apart.
    /// </summary>
    public bool Interleave { get; init; }

    public string Folder { get; init; } = RepoPaths.SamplesDev;

    /// <summary>Analysis threads of the bare run (default: cores).</summary>
    public int Concurrency { get; init; } = Environment.ProcessorCount;

    /// <summary><c>Ingest:Concurrency</c> of every host; null leaves the host's default.</summary>
    public int? HostConcurrency { get; init; }

    /// <summary>API host processes of the cluster mode (default 2); 1 measures PostgreSQL's share without silo-to-silo calls.</summary>
    public int Silos { get; init; } = 2;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Generated tones each host ingests (untimed, another library and folder) before the timed job; 0 measures a cold host.</summary>
    public int WarmUpFiles { get; init; } = 20;

    /// <summary>Rounds of <see cref="ReadOnceComparison"/> instead of the modes; 0 runs the modes.</summary>
    public int CompareReadOnceRounds { get; init; }

    /// <summary>Files of the flat folder <see cref="FlatListing"/> lists instead of the modes; 0 runs the modes.</summary>
    public int ListFlatFiles { get; init; }

    /// <summary>The level as the ingest API spells it.</summary>
    public string LevelName => Level.ToString().ToLowerInvariant();

    public static IngestBenchOptions Parse(string[] args)
    {
        var o = new IngestBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                "--mode" => o with { Modes = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseMode)] },
                "--level" => o with { Level = Enum.TryParse<AnalysisLevel>(Next(), ignoreCase: true, out var level) && Enum.IsDefined(level) ? level : throw new ArgumentException("--level is fast, standard or full.") },
                "--runs" => o with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--interleave" => o with { Interleave = true },
                "--folder" => o with { Folder = Path.GetFullPath(Next()) },
                "--concurrency" => o with { Concurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--host-concurrency" => o with { HostConcurrency = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--silos" => o with { Silos = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--timeout-minutes" => o with { Timeout = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--warmup" => o with { WarmUpFiles = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--compare-read-once" => o with { CompareReadOnceRounds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--list-flat" => o with { ListFlatFiles = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        if (o.CompareReadOnceRounds < 0)
        {
            throw new ArgumentException("--compare-read-once must be a positive number of rounds.");
        }

        if (o.ListFlatFiles is < 0 or > 10_000_000)
        {
            throw new ArgumentException("--list-flat takes 1 to 10,000,000 files.");
        }

        if (o.Runs < 1 || o.Concurrency < 1 || o.HostConcurrency < 1 || o.Timeout <= TimeSpan.Zero || o.Modes.Count == 0 || o.WarmUpFiles is < 0 or > 1000
            || o.Silos is < 1 or > 8)
        {
            throw new ArgumentException("--runs, --concurrency, --host-concurrency and --timeout-minutes must be positive, --warmup 0 to 1000, --silos 1 to 8, --mode must name a mode.");
        }

        if (!Directory.Exists(o.Folder))
        {
            throw new ArgumentException($"The folder {o.Folder} does not exist.");
        }

        return o;
    }

    private static BenchMode ParseMode(string mode) => mode switch
    {
        "bare" => BenchMode.Bare,
        "embedded" => BenchMode.Embedded,
        "cluster" => BenchMode.Cluster,
        _ => throw new ArgumentException($"Unknown mode '{mode}': bare, embedded or cluster."),
    };
}
