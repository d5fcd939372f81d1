using SampleMind.Ingest.Bench;
using SampleMind.TestSupport;

// End-to-end ingest throughput (issue #5) against the bare analysis rate:
//   dotnet run -c Release --project bench/Ingest.Bench -- [--mode bare,embedded,cluster] [--level standard] [--runs 1]
//       [--interleave] [--folder ../shared/data/samples-dev] [--concurrency <cores>] [--host-concurrency <host default>] [--silos 2] [--timeout-minutes 30]
//   dotnet run -c Release --project bench/Ingest.Bench -- --compare-read-once 2   (an ingest's reading of each file, two ways)
//   dotnet run -c Release --project bench/Ingest.Bench -- --list-flat 200000      (a job's listing of one large folder)
// bare: the files an ingest would list, analysed in-process on <concurrency> threads (Audio.Eval's batch analysis).
// embedded: one API host process (fresh data directory); cluster: --silos API host processes (2) on a fresh
// PostgreSQL schema (SAMPLEMIND_TEST_POSTGRES, or a throwaway server from scripts/postgres-test-server.sh).
// Ingest modes are timed from the POST to the job's end event. Exit code 1 if a job does not
// complete or has failed items, 2 on a bad command line.
IngestBenchOptions options;
try
{
    options = IngestBenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(IngestBenchOptions.Usage);
    return 2;
}

if (options.CompareReadOnceRounds > 0)
{
    return ReadOnceComparison.Run(options);
}

if (options.ListFlatFiles > 0)
{
    return FlatListing.Run(options.ListFlatFiles);
}

Console.WriteLine($"ingest bench: {options.Folder}, level {options.LevelName}, concurrency {options.Concurrency} (bare), " +
    $"{(options.HostConcurrency is { } slots ? slots.ToString(System.Globalization.CultureInfo.InvariantCulture) : "default")} (hosts), " +
    $"{options.Silos} silo{(options.Silos == 1 ? "" : "s")} in cluster mode, {Environment.ProcessorCount} cores, warm-up {options.WarmUpFiles} generated files per host (untimed), " +
    $"{(options.Interleave ? "modes interleaved round by round" : "modes one after another")}, load average {LoadAverage()}");
TestPostgres? postgres = null;
var rows = new List<BenchRow>();
try
{
    if (options.Modes.Contains(BenchMode.Cluster) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresTestSchema.Variable)))
    {
        postgres = TestPostgres.Start();
        Environment.SetEnvironmentVariable(PostgresTestSchema.Variable, postgres.ConnectionString);
        Console.WriteLine("cluster: started a throwaway PostgreSQL server (scripts/postgres-test-server.sh)");
    }

    var order = options.Interleave
        ? Enumerable.Range(1, options.Runs).SelectMany(run => options.Modes.Select(mode => (mode, run)))
        : options.Modes.SelectMany(mode => Enumerable.Range(1, options.Runs).Select(run => (mode, run)));
    foreach (var (mode, run) in order)
    {
        var row = await MeasureAsync(mode, run, options);
        rows.Add(row);
        Console.WriteLine($"{mode.ToString().ToLowerInvariant()} run {run}: {row.Files} files in {row.Wall.TotalSeconds:0.00} s ({row.Note})");
    }
}
finally
{
    postgres?.Dispose();
}

Console.WriteLine();
ResultTable.Print(rows, options.Interleave, Console.Out);
Console.WriteLine($"load average at the end: {LoadAverage()}");
var failedJobs = rows.Count(r => r.Mode != BenchMode.Bare && (!r.Completed || r.Failed > 0));
if (failedJobs > 0)
{
    Console.Error.WriteLine($"{failedJobs} ingest job(s) did not complete or had failed items.");
}

return failedJobs == 0 ? 0 : 1;

// A job still running at the deadline is a failed run, not a crash: the table still prints.
static async Task<BenchRow> MeasureAsync(BenchMode mode, int run, IngestBenchOptions options)
{
    using var deadline = new CancellationTokenSource(options.Timeout);
    try
    {
        return mode switch
        {
            BenchMode.Bare => BareRun.Measure(options, run),
            BenchMode.Embedded => await IngestModes.EmbeddedAsync(options, run, deadline.Token),
            _ => await IngestModes.ClusterAsync(options, run, deadline.Token),
        };
    }
    catch (OperationCanceledException) when (deadline.IsCancellationRequested)
    {
        return new BenchRow(mode, run, 0, 0, 0, options.Timeout, Completed: false, $"timed out after {options.Timeout.TotalMinutes:0.#} min");
    }
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
