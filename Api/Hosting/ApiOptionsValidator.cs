using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Api;

/// <summary>Stops the host at start when an <see cref="ApiOptions"/> limit or file cannot work, naming the setting.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>The largest request head limit: Kestrel is given <see cref="RequestLimits.KestrelHeadroom"/> times it.</summary>
    public const int MaxHeadLimit = 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var errors = new List<string>();
        if (options.MaxJsonBodyBytes < 1)
        {
            errors.Add($"Api:MaxJsonBodyBytes must be at least 1 (it is {options.MaxJsonBodyBytes}).");
        }

        if (options.AnonymousRequestsPerMinute < 1)
        {
            errors.Add($"Api:AnonymousRequestsPerMinute must be at least 1 (it is {options.AnonymousRequestsPerMinute}).");
        }

        if (options.BodyIdleTimeout < TimeSpan.FromSeconds(1) || options.BodyIdleTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"Api:BodyIdleTimeout must be between 00:00:01 and 01:00:00 (it is {options.BodyIdleTimeout}).");
        }

        if (options.StreamKeepAlive < TimeSpan.FromSeconds(1) || options.StreamKeepAlive > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Api:StreamKeepAlive must be between 00:00:01 and 00:05:00 (it is {options.StreamKeepAlive}).");
        }

        if (options.MaxVariationLength < TimeSpan.FromSeconds(1) || options.MaxVariationLength > TimeSpan.FromHours(1))
        {
            errors.Add($"Api:MaxVariationLength must be between 00:00:01 and 01:00:00 (it is {options.MaxVariationLength}).");
        }

        if (options.SessionHelloTimeout < TimeSpan.FromSeconds(1) || options.SessionHelloTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Api:SessionHelloTimeout must be between 00:00:01 and 00:05:00 (it is {options.SessionHelloTimeout}).");
        }

        if (options.SessionMaxQueuedBytes < 4L * 1024 * 1024 || options.SessionMaxQueuedBytes > 1024L * 1024 * 1024)
        {
            errors.Add($"Api:SessionMaxQueuedBytes must be between 4194304 (4 MiB) and 1073741824 (1 GiB) (it is {options.SessionMaxQueuedBytes}).");
        }

        if (options.MaxLiveSessionsPerTenant < 1 || options.MaxLiveSessionsPerTenant > SessionLimits.MaxListedPerTenant)
        {
            errors.Add($"Api:MaxLiveSessionsPerTenant must be between 1 and {SessionLimits.MaxListedPerTenant} (it is {options.MaxLiveSessionsPerTenant}).");
        }

        if (options.SessionIdleCloseAfter < TimeSpan.FromMinutes(1) || options.SessionIdleCloseAfter > TimeSpan.FromDays(365))
        {
            errors.Add($"Api:SessionIdleCloseAfter must be between 00:01:00 and 365.00:00:00 (it is {options.SessionIdleCloseAfter}).");
        }

        if (AdminKeyFileWriter.FolderProblem(options.AdminKeyFile) is { } folder)
        {
            errors.Add(folder);
        }

        Check(errors, "MaxRequestTargetBytes", options.MaxRequestTargetBytes, 256);
        Check(errors, "MaxRequestHeadersBytes", options.MaxRequestHeadersBytes, 1024);
        Check(errors, "MaxRequestHeaderCount", options.MaxRequestHeaderCount, 16);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string setting, int value, int least)
    {
        if (value < least || value > MaxHeadLimit)
        {
            errors.Add($"Api:{setting} must be between {least} and {MaxHeadLimit} (it is {value}).");
        }
    }
}
