namespace SampleMind.Grains.Webhooks;

/// <summary>What one attempt got.</summary>
/// <param name="StatusCode">The receiver's status; null when no answer came.</param>
/// <param name="Error">Why it failed; null when delivered.</param>
/// <param name="Permanent">True when retrying cannot help (the URL is refused by policy).</param>
public sealed record WebhookSendResult(int? StatusCode, string? Error, TimeSpan Duration, bool Permanent)
{
    public bool Delivered => Error is null;
}
