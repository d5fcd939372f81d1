using System.Diagnostics;

namespace SampleMind.Scheduling.Bench;

/// <summary>Prints timings of the queue operations.</summary>
internal sealed class BenchReport(string provider, int items)
{
    public void Line(string text) => Console.WriteLine($"[{provider}, {items:N0} items] {text}");

    public void Rate(string what, int count, TimeSpan elapsed) =>
        Line($"{what}: {count:N0} in {elapsed.TotalSeconds:0.00} s = {count / elapsed.TotalSeconds:N0}/s");

    public async Task<T> TimeAsync<T>(string what, Func<Task<T>> operation)
    {
        var clock = Stopwatch.StartNew();
        var result = await operation();
        Line($"{what}: {clock.Elapsed.TotalMilliseconds:0.0} ms");
        return result;
    }

    /// <summary>Claims batches and completes them, reporting claim latency percentiles.</summary>
    public async Task ClaimLoopAsync(IWorkQueue queue, string what, int rounds, int batch)
    {
        var latencies = new List<double>(rounds);
        var done = 0;
        var total = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var claimed = await queue.ClaimAsync("bench-worker", [WorkRoles.Cpu], batch, TimeSpan.FromMinutes(5));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var item in claimed)
            {
                await queue.CompleteAsync(item.Id, item.LeaseToken, "{}", new Dictionary<string, double> { ["audio_seconds"] = 1 });
                done++;
            }
        }

        latencies.Sort();
        Rate(what, done, total.Elapsed);
        Line($"claim latency (batch {batch}): p50 {latencies[latencies.Count / 2]:0.00} ms, " +
             $"p99 {latencies[(int)(latencies.Count * 0.99)]:0.00} ms, max {latencies[^1]:0.00} ms");
    }
}
