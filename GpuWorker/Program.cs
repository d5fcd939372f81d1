using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using SampleMind.GpuWorker.Hosting;
using SampleMind.Grains.Hosting;
using SampleMind.Grains.Telemetry;

namespace SampleMind.GpuWorker;

/// <summary>
/// The GPU worker host: a silo with role "gpu" (unless Silo:Roles says otherwise) that activates
/// grains and runs stem separation and variation items from the work queue.
/// </summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Silo:Roles:0"] = "gpu", ["Silo:DataDirectory"] = "data" },
        });
        builder.Services.AddSampleMindGrains(builder.Configuration);
        builder.Services.AddGpuWorkHandlers();
        builder.Services.AddSampleMindTelemetry(builder.Configuration, "samplemind-gpuworker");
        builder.Build().Run();
    }
}
