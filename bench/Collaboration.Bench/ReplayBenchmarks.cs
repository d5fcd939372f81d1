using BenchmarkDotNet.Attributes;
using SampleMind.Collaboration.Server;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Bench;

/// <summary>automerge-paper (259,778 single-character edits) through the server algorithm.</summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private TextOperation[] _ops = [];

    [GlobalSetup]
    public void Setup() => _ops = TraceFiles.LoadOps("automerge-paper").Ops;

    /// <summary>Defaults: undo tracking on, snapshot every 1,000 ops.</summary>
    [Benchmark(Baseline = true)]
    public long AutomergePaper_defaults() => TraceReplay.Run(_ops, new OtServerOptions()).Revision;

    /// <summary>Validate, transform, apply, log only: no undo inverses, no snapshots.</summary>
    [Benchmark]
    public long AutomergePaper_lean() =>
        TraceReplay.Run(_ops, new OtServerOptions { TrackUndo = false, SnapshotInterval = 0 }).Revision;
}
