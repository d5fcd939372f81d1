using Microsoft.Extensions.Options;
using SampleMind.Runtime.Storage;

namespace SampleMind.Runtime.Cluster;

/// <summary>Checks <see cref="ClusterOptions"/> at start (only in cluster mode).</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    /// <summary>
    /// The longest lease: the control pool's connection timeout is the lease in whole seconds, and Npgsql takes at most
    /// 1,024 (a bare "5" is 5 days, which stopped the start with Npgsql's words and no setting named).
    /// </summary>
    internal static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromSeconds(1024);

    /// <summary>How a duration is written, said with every duration refused.</summary>
    private const string DurationForm = "durations are written hh:mm:ss (00:00:05 for 5 s), and a bare number is read as days";

    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        if (!options.IsCluster)
        {
            return options.Mode.Equals("embedded", StringComparison.OrdinalIgnoreCase)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Cluster:Mode is '{options.Mode}': use embedded or cluster.");
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Postgres))
        {
            errors.Add("Cluster:Postgres must be an Npgsql connection string in cluster mode.");
        }
        else if (PostgresDataSources.Problem(options.Postgres) is { } problem)
        {
            errors.Add($"Cluster:Postgres {problem}.");
        }

        if (options.Partitions is < 1 or > 4096)
        {
            errors.Add($"Cluster:Partitions is {options.Partitions}: use 1 to 4096.");
        }

        if (!Uri.TryCreate(options.AdvertisedAddress, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttp || address.IsDefaultPort)
        {
            errors.Add($"Cluster:AdvertisedAddress is '{options.AdvertisedAddress}': use http://host:port (cleartext HTTP/2, explicit port).");
        }

        if (!string.IsNullOrWhiteSpace(options.ListenAddress) && !System.Net.IPAddress.TryParse(options.ListenAddress, out _))
        {
            errors.Add($"Cluster:ListenAddress is '{options.ListenAddress}': use an IP address (e.g. 127.0.0.1 or 0.0.0.0), or leave it empty to bind the advertised host.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1) || options.LeaseDuration > MaxLeaseDuration)
        {
            errors.Add($"Cluster:LeaseDuration is {options.LeaseDuration:c}: use 00:00:01 to {MaxLeaseDuration:c} ({DurationForm}).");
        }

        if (options.RetryTimeout is { } retry && retry <= TimeSpan.Zero)
        {
            errors.Add($"Cluster:RetryTimeout is {retry:c}: use a positive duration ({DurationForm}), or leave it unset for " +
                "the lease duration + the silo timeout + 5 s.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.SiloTimeout <= options.HeartbeatInterval * 2)
        {
            errors.Add($"Cluster:SiloTimeout ({options.SiloTimeout}) must exceed twice Cluster:HeartbeatInterval ({options.HeartbeatInterval}), which must be positive.");
        }

        if (options.ReminderCheckinInterval < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"Cluster:ReminderCheckinInterval is {options.ReminderCheckinInterval}: it must be at least 0.5 s.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
