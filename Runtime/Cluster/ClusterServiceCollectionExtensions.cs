using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SampleMind.Runtime.Cluster.Storage;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime.Cluster;

/// <summary>Registers cluster mode.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo (<see cref="SiloServiceCollectionExtensions.AddSampleMindSilo"/>, if not added yet)
    /// and, when <see cref="ClusterOptions.Mode"/> is "cluster" (section "Cluster", then
    /// <paramref name="configure"/>), cluster mode: PostgreSQL grain storage with lease fencing
    /// (Silo:Storage becomes "postgres"), membership and partition leases, the HTTP/2 endpoint on
    /// <see cref="ClusterOptions.AdvertisedAddress"/>, the cluster router and the clustered reminder
    /// scheduler (Quartz on the cluster database). In embedded mode it only
    /// validates the options. Call it after <c>AddSampleMindSilo</c> when both are called.
    /// </summary>
    public static IServiceCollection AddSampleMindCluster(this IServiceCollection services, IConfiguration? configuration = null, Action<ClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSampleMindSilo();
        var options = new ClusterOptions();
        configuration?.GetSection(ClusterOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        var builder = services.AddOptions<ClusterOptions>()
            .Configure<IServiceProvider>((o, sp) => (configuration ?? sp.GetService<IConfiguration>())?.GetSection(ClusterOptions.SectionName).Bind(o));
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.AddKnownSettings(ClusterOptions.SectionName, typeof(ClusterOptions));
        if (!options.IsCluster)
        {
            return services;
        }

        services.Configure<SiloOptions>(o => o.Storage = "postgres");
        services.TryAddSingleton(sp => new PostgresGrainStorage(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.Postgres));
        services.TryAddSingleton<IGrainCallRouterProvider, ClusterRouterProvider>();
        services.TryAddSingleton<ClusterSilo>();
        services.Replace(ServiceDescriptor.Singleton<Diagnostics.IClusterDiagnostics, ClusterSiloDiagnostics>());
        services.AddHostedService<ClusterHostedService>();
        services.AddHostedService<Reminders.ClusterReminderHostedService>();
        return services;
    }
}
