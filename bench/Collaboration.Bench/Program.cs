using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SampleMind.Collaboration.Bench;
using SampleMind.Collaboration.Server;

if (args.Length > 0 && args[0] == "replay")
{
    var name = args.Length > 1 ? args[1] : "automerge-paper";
    var (ops, endContent) = TraceFiles.LoadOps(name);
    Console.WriteLine($"{name}: {ops.Length:N0} ops");
    Measure("defaults (undo on, snapshot/1000)", ops, endContent, () => new OtServerOptions());
    Measure("undo on, no snapshots", ops, endContent, () => new OtServerOptions { SnapshotInterval = 0 });
    Measure("lean (undo off, no snapshots)", ops, endContent, () => new OtServerOptions { TrackUndo = false, SnapshotInterval = 0 });
    return;
}

// In-process: the generated out-of-process project would look for SampleMind.Collaboration.Bench.csproj,
// but project files here are named after the folder, not the assembly.
var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(ReplayBenchmarks).Assembly).Run(args, config);

static void Measure(string label, SampleMind.Collaboration.Text.TextOperation[] ops, string endContent, Func<OtServerOptions> options)
{
    for (var warm = 0; warm < 3; warm++)
    {
        TraceReplay.Run(ops, options());
    }

    var best = double.MaxValue;
    var bytes = 0L;
    for (var run = 0; run < 5; run++)
    {
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var server = TraceReplay.Run(ops, options());
        watch.Stop();
        bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        if (server.Document.ToString() != endContent)
        {
            throw new InvalidOperationException("replay did not reproduce endContent");
        }
    }

    var inv = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Format(inv, "{0,-36} best {1,8:F1} ms  {2,12:N0} ops/s  {3,6:F1} bytes/op", label, best, ops.Length / (best / 1000), (double)bytes / ops.Length));
}
