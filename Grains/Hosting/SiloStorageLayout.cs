using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Storage;
using SampleMind.Scheduling;

namespace SampleMind.Grains.Hosting;

/// <summary>
/// Where a silo keeps what, decided once from the configuration so that one setting switches a host
/// consistently. Embedded mode: grain state, work queue and catalogue in SQLite under
/// <c>Silo:DataDirectory</c>. Cluster mode (<c>Cluster:Mode=cluster</c>): grain state, work queue and
/// catalogue in PostgreSQL on <c>Cluster:Postgres</c> (the queue and catalogue may name another
/// database); files that another silo must read (uploads and manifests, search shards, compute
/// outputs, the first admin key) under <c>Silo:SharedDirectory</c>, a volume every silo mounts.
/// </summary>
public sealed record SiloStorageLayout
{
    /// <summary>Catalogue provider name: SQLite file (embedded mode).</summary>
    public const string SqliteCatalog = "sqlite";

    /// <summary>Catalogue provider name: PostgreSQL (cluster mode).</summary>
    public const string PostgresCatalog = "postgres";

    /// <summary>True in cluster mode.</summary>
    public required bool IsCluster { get; init; }

    /// <summary>This silo's own folder (full path): SQLite files, reminders, anything only it reads.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The folder every silo reads and writes (full path); <see cref="DataDirectory"/> unless configured.</summary>
    public required string SharedDirectory { get; init; }

    /// <summary><see cref="SqliteCatalog"/> or <see cref="PostgresCatalog"/>.</summary>
    public required string CatalogProvider { get; init; }

    /// <summary>The catalogue's SQLite file path or connection string (its file full), or Npgsql connection string.</summary>
    public required string CatalogConnectionString { get; init; }

    /// <summary>
    /// The setting that names the catalogue's SQLite file (<c>Catalog:ConnectionString</c>), or null when it is
    /// <c>catalog.db</c> of the data directory or the catalogue is on PostgreSQL.
    /// </summary>
    public string? CatalogFileSetting { get; init; }

    /// <summary>The work queue's provider (<see cref="WorkQueueOptions.Provider"/>).</summary>
    public required string WorkQueueProvider { get; init; }

    /// <summary>The work queue's SQLite file path or connection string (its file full), or Npgsql connection string.</summary>
    public required string WorkQueueConnectionString { get; init; }

    /// <summary>
    /// The setting that names the work queue's SQLite file (<c>WorkQueue:ConnectionString</c>), or null when it is
    /// <c>work.db</c> of the data directory or the queue is on PostgreSQL.
    /// </summary>
    public string? WorkQueueFileSetting { get; init; }

    /// <summary>
    /// The embedded worker's lease id, stable per data directory (so a restart releases its killed
    /// predecessor's leases at once). In cluster mode the worker id is the silo id.
    /// </summary>
    public required string EmbeddedWorkerId { get; init; }

    /// <summary>Uploaded files and their manifests: <c>&lt;shared&gt;/uploads</c>.</summary>
    public string UploadDirectory => Path.Combine(SharedDirectory, "uploads");

    /// <summary>The first admin key's file: <c>&lt;shared&gt;/admin.key</c>, written by whichever silo bootstraps.</summary>
    public string AdminKeyFile => Path.Combine(SharedDirectory, "admin.key");

    /// <summary>The catalogue's settings section, read here only.</summary>
    public const string CatalogSection = "Catalog";

    /// <summary>The keys of <see cref="CatalogSection"/>.</summary>
    public static readonly string[] CatalogKeys = ["Provider", "ConnectionString"];

    /// <summary>The keys of the "Silo" section read here rather than bound to <c>SiloOptions</c>.</summary>
    public static readonly string[] SiloKeys = ["SharedDirectory"];

    /// <summary>
    /// Reads the layout from <paramref name="configuration"/>; throws <see cref="InvalidOperationException"/>
    /// naming every setting that contradicts cluster mode (a silo on SQLite beside silos on PostgreSQL
    /// would silently split the cluster's state).
    /// </summary>
    public static SiloStorageLayout From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var cluster = new ClusterOptions();
        configuration.GetSection(ClusterOptions.SectionName).Bind(cluster);
        var data = Path.GetFullPath(configuration["Silo:DataDirectory"] is { Length: > 0 } d ? d : "data");
        var shared = configuration["Silo:SharedDirectory"] is { Length: > 0 } s ? Path.GetFullPath(s) : data;
        var catalogProvider = Lower(configuration[CatalogSection + ":Provider"]) ?? (cluster.IsCluster ? PostgresCatalog : SqliteCatalog);
        var queueProvider = Lower(configuration[WorkQueueOptions.SectionName + ":Provider"])
            ?? (cluster.IsCluster ? WorkQueueOptions.PostgresProvider : WorkQueueOptions.SqliteProvider);

        var errors = new List<string>();
        if (catalogProvider is not (SqliteCatalog or PostgresCatalog))
        {
            errors.Add($"Catalog:Provider is '{catalogProvider}': use sqlite or postgres.");
        }

        if (cluster.IsCluster)
        {
            if (Lower(configuration["Silo:Storage"]) is { } storage && storage != "postgres")
            {
                errors.Add($"Silo:Storage is '{storage}' but Cluster:Mode is cluster: every silo keeps grain state in PostgreSQL (leave Silo:Storage unset or set it to postgres).");
            }

            if (queueProvider != WorkQueueOptions.PostgresProvider)
            {
                errors.Add($"WorkQueue:Provider is '{queueProvider}' but Cluster:Mode is cluster: the silos must share one queue (leave it unset or set it to postgres).");
            }

            if (catalogProvider != PostgresCatalog)
            {
                errors.Add($"Catalog:Provider is '{catalogProvider}' but Cluster:Mode is cluster: the silos must share one catalogue (leave it unset or set it to postgres).");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Inconsistent storage configuration: " + string.Join(" ", errors));
        }

        CheckPostgresSettings(configuration, cluster, catalogProvider == PostgresCatalog, queueProvider == WorkQueueOptions.PostgresProvider);
        var catalogConnection = configuration[CatalogSection + ":ConnectionString"] is { Length: > 0 } c
            ? c
            : catalogProvider == PostgresCatalog ? cluster.Postgres : Path.Combine(data, "catalog.db");
        var queueConnection = configuration[WorkQueueOptions.SectionName + ":ConnectionString"] is { Length: > 0 } q
            ? q
            : queueProvider == WorkQueueOptions.PostgresProvider ? cluster.Postgres : Path.Combine(data, "work.db");
        // A relative SQLite file (a path, or a connection string's Data Source) is under the data directory.
        if (queueProvider == WorkQueueOptions.SqliteProvider)
        {
            queueConnection = UnderData(queueConnection, data, WorkQueueOptions.SectionName + ":ConnectionString");
        }

        if (catalogProvider == SqliteCatalog)
        {
            catalogConnection = UnderData(catalogConnection, data, CatalogSection + ":ConnectionString");
        }

        return new SiloStorageLayout
        {
            IsCluster = cluster.IsCluster,
            DataDirectory = data,
            SharedDirectory = shared,
            CatalogProvider = catalogProvider,
            CatalogConnectionString = catalogConnection,
            WorkQueueProvider = queueProvider,
            WorkQueueConnectionString = queueConnection,
            EmbeddedWorkerId = "embedded-" + ShortHash(data),
            CatalogFileSetting = OwnFileSetting(configuration, CatalogSection, catalogProvider == SqliteCatalog),
            WorkQueueFileSetting = OwnFileSetting(configuration, WorkQueueOptions.SectionName, queueProvider == WorkQueueOptions.SqliteProvider),
        };
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming each setting that gives a PostgreSQL store its connection
    /// string (<c>Cluster:Postgres</c> in cluster mode; the catalogue's and the queue's own, or <c>Cluster:Postgres</c>
    /// where they have none) when it is missing or Npgsql cannot read it, never quoting it. Before, the first
    /// connection failed with Npgsql's words ("Value cannot be null. (Parameter 'Host')", "Couldn't set passwrd").
    /// </summary>
    private static void CheckPostgresSettings(IConfiguration configuration, ClusterOptions cluster, bool catalogOnPostgres, bool queueOnPostgres)
    {
        var settings = new List<string>();
        if (cluster.IsCluster)
        {
            settings.Add(ClusterPostgres);
        }

        var errors = new List<string>();
        foreach (var (section, onPostgres) in new[] { (CatalogSection, catalogOnPostgres), (WorkQueueOptions.SectionName, queueOnPostgres) })
        {
            if (!onPostgres)
            {
                continue;
            }

            if (configuration[section + ":ConnectionString"] is { Length: > 0 })
            {
                settings.Add(section + ":ConnectionString");
            }
            else if (cluster.IsCluster || !string.IsNullOrWhiteSpace(cluster.Postgres))
            {
                settings.Add(ClusterPostgres);
            }
            else
            {
                errors.Add($"{section}:Provider is postgres but no connection string is set: set {section}:ConnectionString (or Cluster:Postgres) " +
                           "to one, e.g. Host=db;Port=5432;Username=samplemind;Password=...;Database=samplemind.");
            }
        }

        foreach (var setting in settings.Distinct(StringComparer.Ordinal))
        {
            var value = configuration[setting] ?? "";
            if (setting == ClusterPostgres && string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{setting} must be an Npgsql connection string in cluster mode.");
            }
            else if (PostgresDataSources.Problem(value) is { } problem)
            {
                errors.Add($"{setting} {problem}.");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }
    }

    private const string ClusterPostgres = ClusterOptions.SectionName + ":Postgres";

    private static string? OwnFileSetting(IConfiguration configuration, string section, bool onSqlite) =>
        onSqlite && configuration[section + ":ConnectionString"] is { Length: > 0 } ? section + ":ConnectionString" : null;

    private static string? Lower(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    /// <summary>
    /// The SQLite file <paramref name="pathOrConnectionString"/> names: the path, or a connection string's
    /// <c>Data Source</c>; throws <see cref="InvalidOperationException"/> naming <paramref name="setting"/> when it is
    /// neither.
    /// </summary>
    public static string SqliteFile(string pathOrConnectionString, string setting) =>
        SqliteBuilder(pathOrConnectionString, setting).DataSource;

    /// <summary>
    /// <paramref name="pathOrConnectionString"/> with its SQLite file (the path, or a connection string's
    /// <c>Data Source</c>) made full under <paramref name="data"/> when relative, where a connection string was taken as
    /// it was and its relative file (or, read as a path, a file named "Data Source=...") landed in the working directory.
    /// </summary>
    private static string UnderData(string pathOrConnectionString, string data, string setting)
    {
        if (!pathOrConnectionString.Contains('=', StringComparison.Ordinal))
        {
            return FileUnderData(pathOrConnectionString, data);
        }

        var builder = SqliteBuilder(pathOrConnectionString, setting);
        builder.DataSource = FileUnderData(builder.DataSource, data);
        return builder.ToString();
    }

    /// <summary>A relative file made full under <paramref name="data"/>; a full path, an in-memory database or a file: URI as it is.</summary>
    private static string FileUnderData(string file, string data) =>
        file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || Path.IsPathRooted(file)
            ? file
            : Path.GetFullPath(Path.Combine(data, file));

    private static SqliteConnectionStringBuilder SqliteBuilder(string pathOrConnectionString, string setting)
    {
        if (!pathOrConnectionString.Contains('=', StringComparison.Ordinal))
        {
            return new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString };
        }

        try
        {
            return new SqliteConnectionStringBuilder(pathOrConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidOperationException($"{setting} is neither a SQLite file nor a SQLite connection string (Data Source=...): {e.Message}", e);
        }
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 6));
}
