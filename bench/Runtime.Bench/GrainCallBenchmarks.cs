using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Bench;

/// <summary>
/// In-process grain calls from one caller, awaited one after another: reference → argument copy
/// (source-generated JSON) → catalog → mailbox → grain → result. One operation = one call.
/// </summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private IHost _host = null!;
    private ICalculatorGrain _grain = null!;
    private SmallRecord _record = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSampleMindSilo(o => o.Storage = "memory");
        _host = builder.Build();
        _host.Start();
        _grain = _host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICalculatorGrain>("bench");
        _record = new SmallRecord(2, 3, "sample");
        _grain.Add(_record).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }

    /// <summary>One awaited call.</summary>
    [Benchmark]
    public Task<int> Add() => _grain.Add(_record);

    /// <summary>1,000 awaited calls in a row (ops/s × 1,000 = calls/s).</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public async Task<int> Add_1000_sequential()
    {
        var sum = 0;
        for (var i = 0; i < 1000; i++)
        {
            sum += await _grain.Add(_record);
        }

        return sum;
    }
}
