using System.Diagnostics;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Bench;
using SampleMind.Scheduling.Postgres;
using SampleMind.Scheduling.Sqlite;
using SampleMind.Scheduling.Storage;

// Usage: dotnet run -c Release --project bench/Scheduling.Bench -- [sqlite|postgres] [items] [cancel batch size]
// postgres reads its connection string from SAMPLEMIND_TEST_POSTGRES (tables go to its search path).
var provider = args.Length > 0 ? args[0] : WorkQueueOptions.SqliteProvider;
var items = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
var directory = Path.Combine(Path.GetTempPath(), "samplemind-queue-bench-" + Guid.NewGuid().ToString("N"));
var options = new WorkQueueOptions
{
    Provider = provider,
    ConnectionString = provider == WorkQueueOptions.PostgresProvider
        ? Environment.GetEnvironmentVariable("SAMPLEMIND_TEST_POSTGRES") ?? throw new InvalidOperationException("set SAMPLEMIND_TEST_POSTGRES")
        : Path.Combine(directory, "work.db"),
};
if (args.Length > 2)
{
    options.CancelBatchSize = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
}

await using SqlWorkQueue queue = provider == WorkQueueOptions.PostgresProvider ? new PostgresWorkQueue(options) : new SqliteWorkQueue(options);
var run = $"bench-{Guid.NewGuid():N}";
var report = new BenchReport(provider, items);

await queue.RegisterJobAsync(new WorkJob(run + "-big", "tenant-big", 1, "ingest"));
await queue.RegisterJobAsync(new WorkJob(run + "-small", "tenant-small", 1, "ingest"));
await queue.RegisterJobAsync(new WorkJob(run + "-urgent", "tenant-small", 8, "ingest"));

var clock = Stopwatch.StartNew();
const int Chunk = 10_000;
for (var start = 0; start < items; start += Chunk)
{
    var count = Math.Min(Chunk, items - start);
    var chunk = Enumerable.Range(start, count)
        .Select(i => new WorkItemRequest($"lib/{i / 1000:D4}/{i:D7}.wav", "analyze", WorkRoles.Cpu, "{}")).ToArray();
    await queue.EnqueueAsync(run + "-big", chunk);
}

report.Rate("enqueue", items, clock.Elapsed);
await queue.EnqueueAsync(run + "-small", Enumerable.Range(0, 200).Select(i => new WorkItemRequest($"s{i}", "analyze", WorkRoles.Cpu, "{}")).ToArray());
await queue.EnqueueAsync(run + "-urgent", Enumerable.Range(0, 50).Select(i => new WorkItemRequest($"u{i}", "analyze", WorkRoles.Cpu, "{}")).ToArray());

await report.ClaimLoopAsync(queue, "claim+complete (full queue)", rounds: 300, batch: 32);
var counts = await report.TimeAsync("job counts", () => queue.GetJobCountsAsync(run + "-big"));
await report.TimeAsync("depths", () => queue.GetDepthsAsync());
await report.TimeAsync("results page (1000)", () => queue.ReadResultsAsync(run + "-big", 0, 1000));
report.Line($"big job: {counts!.Succeeded} succeeded, {counts.Pending} pending (small and urgent jobs were served alongside)");
var small = await queue.GetJobCountsAsync(run + "-small");
var urgent = await queue.GetJobCountsAsync(run + "-urgent");
report.Line($"fairness: urgent {urgent!.Succeeded}/50 done, small {small!.Succeeded}/200 done, big {counts.Succeeded}");

// The big job's cancel while another tenant enqueues one item at a time (an ingest's batches): how long the cancel takes
// and the longest the other tenant's write waits behind it.
await queue.RegisterJobAsync(new WorkJob(run + "-other", "tenant-other", 1, "ingest"));
var cancelClock = Stopwatch.StartNew();
var cancelling = Task.Run(() => queue.CancelJobAsync(run + "-big"));
var enqueues = 0;
var longest = TimeSpan.Zero;
while (!cancelling.IsCompleted)
{
    var wait = Stopwatch.StartNew();
    await queue.EnqueueAsync(run + "-other", [new WorkItemRequest($"o{enqueues++}", "analyze", WorkRoles.Cpu, "{}")]);
    longest = wait.Elapsed > longest ? wait.Elapsed : longest;
}

await cancelling;
report.Line($"cancel of {counts.Pending:N0} pending items (batches of {options.CancelBatchSize:N0}): {cancelClock.Elapsed.TotalSeconds:0.00} s; " +
    $"{enqueues} enqueues of another tenant meanwhile, the longest {longest.TotalMilliseconds:0} ms");

if (provider == WorkQueueOptions.SqliteProvider)
{
    await queue.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
