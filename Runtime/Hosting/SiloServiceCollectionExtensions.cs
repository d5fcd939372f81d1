using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SampleMind.Runtime.Diagnostics;
using SampleMind.Runtime.Storage;

namespace SampleMind.Runtime.Hosting;

/// <summary>Registers the embedded silo.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo: <see cref="SiloOptions"/> (section "Silo", then <paramref name="configure"/>,
    /// validated on start), <see cref="IGrainFactory"/>, <see cref="IClusterDiagnostics"/>, the
    /// configured <see cref="IGrainStorage"/> (unless one is registered already), a
    /// <see cref="TimeProvider"/> (System unless registered) and the hosted service that starts and
    /// stops the runtime.
    /// </summary>
    public static IServiceCollection AddSampleMindSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Bound once however often a module adds the silo: bound twice, a list (Silo:Roles) held every item twice, and
        // a wrong role was said twice at start.
        var bound = services.Any(d => d.ServiceType == typeof(SiloRuntime));
        var options = services.AddOptions<SiloOptions>();
        if (!bound)
        {
            options.Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(SiloOptions.SectionName).Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>());
        services.AddKnownSettings(SiloOptions.SectionName, typeof(SiloOptions));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<SiloRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.TryAddSingleton<IClusterDiagnostics, ClusterDiagnostics>();
        services.TryAddSingleton<IGrainStorage>(CreateStorage);
        services.AddHostedService<SiloHostedService>();
        return services;
    }

    /// <summary>
    /// Adds the drain step of a graceful stop for hosts that answer a readiness probe: the silo reports
    /// <see cref="SiloStatus.Draining"/> for <see cref="SiloOptions.DrainDelay"/> before anything stops.
    /// Call after <see cref="AddSampleMindSilo"/>.
    /// </summary>
    public static IServiceCollection AddSampleMindSiloDrain(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<SiloDrainService>();
        return services;
    }

    private static IGrainStorage CreateStorage(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SiloOptions>>().Value;
        return options.Storage switch
        {
            "memory" => new MemoryGrainStorage(),
            "postgres" => services.GetService<Cluster.Storage.PostgresGrainStorage>() ?? throw new InvalidOperationException(
                "Silo:Storage is postgres, which is cluster mode's: set Cluster:Mode=cluster and Cluster:Postgres (or leave Silo:Storage unset)."),
            _ => new SqliteGrainStorage(Path.Combine(options.DataDirectory, "samplemind.db"), services.GetRequiredService<TimeProvider>()),
        };
    }
}
