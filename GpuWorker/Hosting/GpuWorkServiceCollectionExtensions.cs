using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SampleMind.Grains.Abstractions.Compute;
using SampleMind.Grains.Hosting;
using SampleMind.Runtime.Hosting;
using SampleMind.Scheduling;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>Registers the GPU work handlers (stem separation, variations) on role "gpu".</summary>
public static class GpuWorkServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GpuInferenceServiceCollectionExtensions.AddGpuInference"/>, the
    /// <see cref="GpuWorkerStats"/> singleton and the handlers for <see cref="ComputeKinds.Separate"/>
    /// and <see cref="ComputeKinds.Vary"/>, claimed by silos whose roles include "gpu", and the
    /// <see cref="GpuStatsReporter"/> that sends the figures to the dashboard.
    /// </summary>
    public static IServiceCollection AddGpuWorkHandlers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGpuInference();
        services.TryAddSingleton<GpuWorkerStats>();
        services.AddWorkHandler<SeparateWorkHandler>(ComputeKinds.Separate, WorkRoles.Gpu);
        services.AddWorkHandler<VaryWorkHandler>(ComputeKinds.Vary, WorkRoles.Gpu);
        services.AddHostedService<GpuStatsReporter>();
        services.AddOptions<ComputeOptions>().BindConfiguration(ComputeOptions.SectionName)
            .Validate(o => o.StatsInterval > TimeSpan.Zero, $"{GpuStatsReporter.IntervalKey} must be positive, e.g. 00:00:05.")
            .ValidateOnStart();
        services.AddWritableDirectory(ComputeBlobs.DirectoryKey, sp => ComputeBlobs.Directory(sp.GetRequiredService<IConfiguration>()));
        services.AddKnownSettings(ConfigurationPath.GetParentPath(ComputeBlobs.DirectoryKey)!, null,
            ConfigurationPath.GetSectionKey(ComputeBlobs.DirectoryKey), ConfigurationPath.GetSectionKey(GpuStatsReporter.IntervalKey));
        return services;
    }
}
