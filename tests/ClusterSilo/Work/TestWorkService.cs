using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Runtime.Hosting;
using SampleMind.Scheduling;
using SampleMind.Scheduling.Processing;

namespace SampleMind.TestSilo.Work;

/// <summary>Runs the work processor for <see cref="TestWorkHandler"/> on the cluster's PostgreSQL queue.</summary>
internal sealed class TestWorkService(IWorkQueue queue, IOptions<TestWorkOptions> options, IOptions<SiloOptions> silo, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queue.EnsureSchemaAsync(stoppingToken);
        var work = options.Value;
        var siloId = silo.Value.SiloId;
        var processor = new WorkProcessor(
            queue,
            new Dictionary<string, IWorkHandler> { [TestWorkHandler.Kind] = new TestWorkHandler(siloId, work.Hold) },
            new WorkProcessorOptions
            {
                // The process id keeps a restarted silo from releasing (instead of reclaiming) its predecessor's leases.
                WorkerId = $"{siloId}-{Environment.ProcessId}",
                Roles = [WorkRoles.Cpu],
                Concurrency = work.Concurrency,
                BatchSize = work.Concurrency,
                LeaseDuration = work.Lease,
                IdleDelay = work.IdleDelay,
            },
            logger: loggers.CreateLogger<WorkProcessor>());
        await processor.RunAsync(stoppingToken);
    }
}
