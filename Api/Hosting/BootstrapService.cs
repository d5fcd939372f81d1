using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Api;

/// <summary>
/// At first start of the first silo, creates the operator tenant and its admin key, and writes the token to
/// <see cref="ApiOptions.AdminKeyFile"/> (mode 0600; in the shared directory by default, so in cluster mode
/// one path holds it whichever silo bootstrapped). The token is never logged: the log names the file.
/// A call the cluster could not serve (silos starting together move partitions, and a write of the moving one is fenced
/// off) is tried again for up to <see cref="RetryFor"/> instead of failing the silo's start.
/// </summary>
internal sealed partial class BootstrapService(
    IGrainFactory grains, IOptions<ApiOptions> options, ILogger<BootstrapService> logger)
{
    /// <summary>The tenant whose admin keys may manage every tenant.</summary>
    public const string OperatorTenantId = "admin";

    /// <summary>How long a call the cluster could not serve is tried again.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var deadline = DateTime.UtcNow + RetryFor;
        while (true)
        {
            try
            {
                await RunOnceAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is StaleLeaseException or SiloUnavailableException or TimeoutException && DateTime.UtcNow < deadline)
            {
                LogRetrying(logger, e.GetType().Name, e.Message, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.TicksPerSecond * 2));
            }
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var tenant = grains.GetGrain<ITenantGrain>(OperatorTenantId);
        if (await tenant.GetInfo() is not null)
        {
            return;
        }

        // One call that creates the tenant and its key only when it does not exist: when several silos of
        // a cluster start at once, one of them gets the key and writes the file, the others get null.
        var issued = await tenant.CreateWithFirstKey("Operator", "studio", "bootstrap-admin",
            ApiScope.Admin | ApiScope.Ingest | ApiScope.Read | ApiScope.Search | ApiScope.Sessions);
        if (issued is null)
        {
            return;
        }

        var path = Path.GetFullPath(options.Value.AdminKeyFile);
        await using (var file = AdminKeyFileWriter.Create(path))
        {
            await file.CommitAsync(issued.Token, cancellationToken);
        }

        LogBootstrapped(logger, OperatorTenantId, issued.Key.KeyId, path);
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning,
        Message = "Created operator tenant '{TenantId}' with admin key {KeyId}; its token is in {Path} (readable by this user only)")]
    private static partial void LogBootstrapped(ILogger logger, string tenantId, string keyId, string path);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "Bootstrap of the operator tenant failed ({ExceptionType}: {Reason}); trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string exceptionType, string reason, TimeSpan delay);
}
