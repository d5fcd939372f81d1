using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Scheduling.Postgres;
using SampleMind.Scheduling.Sqlite;

namespace SampleMind.Scheduling;

/// <summary>Registers <see cref="IWorkQueue"/> (a singleton) with its validated options.</summary>
public static class WorkQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers the queue selected by <see cref="WorkQueueOptions.Provider"/>. Bind configuration in
    /// <paramref name="configure"/> (e.g. <c>b => b.BindConfiguration(WorkQueueOptions.SectionName)</c>);
    /// options are validated on start.
    /// </summary>
    public static IServiceCollection AddWorkQueue(
        this IServiceCollection services,
        Action<OptionsBuilder<WorkQueueOptions>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<WorkQueueOptions>();
        configure?.Invoke(builder);
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkQueueOptions>, WorkQueueOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Create);
        return services;
    }

    /// <summary>Registers the embedded SQLite queue over a file (created with its folder when missing).</summary>
    public static IServiceCollection AddSqliteWorkQueue(
        this IServiceCollection services,
        string path,
        Action<WorkQueueOptions>? configure = null) =>
        services.AddWorkQueue(builder => builder.Configure(options =>
        {
            options.Provider = WorkQueueOptions.SqliteProvider;
            options.ConnectionString = path;
            configure?.Invoke(options);
        }));

    /// <summary>Registers the PostgreSQL queue (cluster mode) over an Npgsql connection string.</summary>
    public static IServiceCollection AddPostgresWorkQueue(
        this IServiceCollection services,
        string connectionString,
        Action<WorkQueueOptions>? configure = null) =>
        services.AddWorkQueue(builder => builder.Configure(options =>
        {
            options.Provider = WorkQueueOptions.PostgresProvider;
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        }));

    private static IWorkQueue Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<WorkQueueOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        return options.Provider switch
        {
            WorkQueueOptions.PostgresProvider =>
                new PostgresWorkQueue(options, time, services.GetService<ILogger<PostgresWorkQueue>>()),
            _ => new SqliteWorkQueue(options, time, services.GetService<ILogger<SqliteWorkQueue>>()),
        };
    }
}
