using System.Diagnostics;
using System.Globalization;

namespace SampleMind.Cluster.Bench;

/// <summary>The two loads: closed loop (as fast as N callers go) and open loop (a fixed offered rate).</summary>
internal static class LoadRun
{
    public sealed record Throughput(long Calls, long Failed, double Seconds, int Callers)
    {
        public double CallsPerSecond => Calls / Seconds;

        public double CpuMicrosPerCall { get; init; }

        public double BytesPerCall { get; init; }

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"closed loop, {Callers} callers: {CallsPerSecond:0} calls/s ({Calls} calls, {Failed} failed, {Seconds:0.0} s)");
    }

    public sealed record Latency(long Calls, long Failed, double Rate, double AchievedRate, double P50, double P99, double P999, double Max)
    {
        public double CpuMicrosPerCall { get; init; }

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"open loop at {Rate:0}/s (achieved {AchievedRate:0}/s): p50 {P50:0.00} ms, p99 {P99:0.00} ms, p99.9 {P999:0.00} ms, max {Max:0.00} ms ({Calls} calls, {Failed} failed)");
    }

    /// <summary><paramref name="callers"/> loops, each awaiting one call at a time, for <paramref name="duration"/>.</summary>
    public static async Task<Throughput> ClosedLoopAsync(IEchoGrain[] grains, int callers, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var end = duration.Ticks;
        var loops = new Task<(long Calls, long Failed)>[callers];
        for (var c = 0; c < callers; c++)
        {
            loops[c] = CallerAsync(grains, c, callers, stopwatch, end);
        }

        var results = await Task.WhenAll(loops);
        return new Throughput(results.Sum(r => r.Calls), results.Sum(r => r.Failed), stopwatch.Elapsed.TotalSeconds, callers);
    }

    private static async Task<(long Calls, long Failed)> CallerAsync(IEchoGrain[] grains, int caller, int callers, Stopwatch stopwatch, long end)
    {
        await Task.Yield();
        long calls = 0, failed = 0;
        var index = caller;
        while (stopwatch.Elapsed.Ticks < end)
        {
            try
            {
                var value = (int)calls;
                if (await grains[index].Echo(value) != value + 1)
                {
                    throw new InvalidOperationException("Wrong answer from the echo grain.");
                }

                calls++;
            }
            catch (Exception ex) when (ex is not InvalidOperationException)
            {
                failed++;
            }

            index += callers;
            if (index >= grains.Length)
            {
                index = caller % grains.Length;
            }
        }

        return (calls, failed);
    }

    /// <summary>
    /// Sends calls at <paramref name="rate"/> per second regardless of how fast they answer (a pacing
    /// thread sends every call that is due, then sleeps 1 ms). Each latency counts from the call's
    /// scheduled send time, so a stall in sending or answering shows up in the figures (no coordinated omission).
    /// </summary>
    public static async Task<Latency> OpenLoopAsync(IEchoGrain[] grains, double rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new long[total];
        var pending = new Task[total];
        var frequency = Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        var pacer = new Thread(() =>
        {
            var sent = 0;
            while (sent < total)
            {
                var elapsed = Stopwatch.GetTimestamp() - start;
                var due = Math.Min(total, (int)(elapsed * rate / frequency) + 1);
                for (; sent < due; sent++)
                {
                    var scheduled = start + (long)(sent * frequency / rate);
                    pending[sent] = OneAsync(grains[sent % grains.Length], sent, scheduled, latencies);
                }

                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Name = "bench pacer" };
        pacer.Start();
        pacer.Join();
        var sentFor = Stopwatch.GetElapsedTime(start).TotalSeconds;
        try
        {
            await Task.WhenAll(pending);
        }
        catch (Exception)
        {
            // Counted below.
        }

        var failed = pending.Count(t => !t.IsCompletedSuccessfully);
        var ok = latencies.Where(l => l > 0).Order().ToArray();
        double Ms(double quantile) => ok.Length == 0 ? double.NaN : ok[Math.Min(ok.Length - 1, (int)(quantile * ok.Length))] * 1000.0 / frequency;
        return new Latency(total, failed, rate, total / sentFor, Ms(0.5), Ms(0.99), Ms(0.999), Ms(1.0));
    }

    private static async Task OneAsync(IEchoGrain grain, int value, long scheduled, long[] latencies)
    {
        if (await grain.Echo(value) != value + 1)
        {
            throw new InvalidOperationException("Wrong answer from the echo grain.");
        }

        latencies[value] = Math.Max(1, Stopwatch.GetTimestamp() - scheduled);
    }
}
