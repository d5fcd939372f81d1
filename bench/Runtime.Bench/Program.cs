using BenchmarkDotNet.Running;
using SampleMind.Runtime.Bench;

// dotnet run -c Release --project bench/Runtime.Bench -- --filter '*' --job short
// Runs in process: the assembly (SampleMind.Runtime.Bench) is not named after its project file,
// which BenchmarkDotNet's out-of-process toolchain needs.
if (!args.Contains("--inProcess", StringComparer.OrdinalIgnoreCase))
{
    args = [.. args, "--inProcess"];
}

BenchmarkSwitcher.FromAssembly(typeof(GrainCallBenchmarks).Assembly).Run(args);
