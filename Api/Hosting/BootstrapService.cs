using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Runtime;
using SampleMind.Runtime.Cluster;

namespace SampleMind.Api;

/// <summary>
/// At first start of the first silo, creates the operator tenant and its admin key, and writes the token to
/// <see cref="ApiOptions.AdminKeyFile"/> (mode 0600; in the shared directory by default, so in cluster mode
/// one path holds it whichever silo bootstrapped). An existing file that others may read is set to 0600 at each start, with a warning. The file is created before the key is stored, so a file the host
/// cannot write stops the start with nothing stored. At a later start, when the file holds no working admin key of the
/// operator tenant, says so, and with <see cref="ApiOptions.IssueAdminKey"/> issues a new one and writes it there.
/// The token is never logged: the log names the file.
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

    private const ApiScope OperatorScopes = ApiScope.Admin | ApiScope.Ingest | ApiScope.Read | ApiScope.Search | ApiScope.Sessions;

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
        var path = Path.GetFullPath(options.Value.AdminKeyFile);
        CloseKeyFileToOthers(path);
        if (await tenant.GetInfo() is not null)
        {
            await CheckKeyFileAsync(tenant, path, cancellationToken);
            return;
        }

        // One call that creates the tenant and its key only when it does not exist: when several silos of
        // a cluster start at once, one of them gets the key and writes the file, the others get null.
        await using var file = AdminKeyFileWriter.Create(path);
        var issued = await tenant.CreateWithFirstKey("Operator", "studio", "bootstrap-admin", OperatorScopes);
        if (issued is null)
        {
            return;
        }

        await file.CommitAsync(issued.Token, cancellationToken);
        LogBootstrapped(logger, OperatorTenantId, issued.Key.KeyId, path);
    }

    /// <summary>The operator tenant exists: whether <paramref name="path"/> holds a working admin key of it, else what to do.</summary>
    private async Task CheckKeyFileAsync(ITenantGrain tenant, string path, CancellationToken cancellationToken)
    {
        if (await KeyFileProblemAsync(path, cancellationToken) is not { } problem)
        {
            return;
        }

        if (!options.Value.IssueAdminKey)
        {
            LogNoWorkingKey(logger, OperatorTenantId, path, problem);
            return;
        }

        await using var file = AdminKeyFileWriter.Create(path);
        var issued = await tenant.IssueKey("recovery-admin", OperatorScopes)
            ?? throw new InvalidOperationException(
                $"Api:IssueAdminKey: the operator tenant '{OperatorTenantId}' has {TenantLimits.MaxActiveKeys} keys in use; revoke one first.");
        await file.CommitAsync(issued.Token, cancellationToken);
        LogIssued(logger, OperatorTenantId, issued.Key.KeyId, path);
    }

    /// <summary>
    /// An existing key file that group or others may read or write (left so by a copy, an editor or a umask) is set to
    /// 0600, as the docs promise, and said with its mode: whoever could read it may hold the operator's admin key.
    /// </summary>
    private void CloseKeyFileToOthers(string path)
    {
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                    | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (OperatingSystem.IsWindows() || !File.Exists(path) || KeyFileMode(path) is not { } mode || (mode & others) == 0)
        {
            return;
        }

        var octal = "0" + Convert.ToString((int)mode, 8);
        try
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's file: only its owner (or root) may change its mode.
            LogKeyFileStaysOpen(logger, path, octal, e.Message);
            return;
        }

        LogKeyFileClosed(logger, path, octal);
    }

    /// <summary>The mode of <paramref name="path"/>, or null when it went away or cannot be looked at (its reading says why).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode? KeyFileMode(string path)
    {
        try
        {
            return File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Why <paramref name="path"/> holds no working admin key of the operator tenant, or null when it holds one.</summary>
    private async Task<string?> KeyFileProblemAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return File.Exists(path) ? $"it cannot be read: {e.Message}" : "there is no such file";
        }

        if (!ApiKeyToken.TryParse(text.Trim(), out var token))
        {
            return "it holds no API key";
        }

        var verdict = await grains.GetGrain<IApiKeyGrain>(token.KeyId).Verify(token.SecretSha256Hex());
        if (!verdict.Valid)
        {
            return $"its key {token.KeyId} does not work: {verdict.Reason}";
        }

        return verdict.TenantId == OperatorTenantId && verdict.Scopes.HasFlag(ApiScope.Admin)
            ? null
            : $"its key {token.KeyId} is not an admin key of the operator tenant";
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning,
        Message = "Created operator tenant '{TenantId}' with admin key {KeyId}; its token is in {Path} (readable by this user only)")]
    private static partial void LogBootstrapped(ILogger logger, string tenantId, string keyId, string path);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "Bootstrap of the operator tenant failed ({ExceptionType}: {Reason}); trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string exceptionType, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "The operator tenant '{TenantId}' exists but its admin key file {Path} holds no working admin key ({Problem}). " +
                  "Without another admin key, start one host once with Api:IssueAdminKey=true (Api__IssueAdminKey=true): " +
                  "it issues a new admin key and writes it to that file")]
    private static partial void LogNoWorkingKey(ILogger logger, string tenantId, string path, string problem);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning,
        Message = "Issued operator tenant '{TenantId}' a new admin key {KeyId} (Api:IssueAdminKey); its token is in {Path} (readable by this user only)")]
    private static partial void LogIssued(ILogger logger, string tenantId, string keyId, string path);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning,
        Message = "The admin key file {Path} had mode {Mode}, open to other users of this machine; it is now 0600 (this user only). " +
                  "Whoever could read it may hold the operator's admin key: rotate that key if in doubt")]
    private static partial void LogKeyFileClosed(ILogger logger, string path, string mode);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Warning,
        Message = "The admin key file {Path} has mode {Mode}, open to other users of this machine, and it could not be set to 0600 ({Reason}): " +
                  "its owner can (chmod 600)")]
    private static partial void LogKeyFileStaysOpen(ILogger logger, string path, string mode, string reason);
}
