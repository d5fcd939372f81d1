using SampleMind.Grains.Webhooks;

namespace SampleMind.Api.Endpoints;

/// <summary>Checks of ingest options shared by the JSON and upload forms; each failure names its field.</summary>
internal static class IngestValidation
{
    public static readonly string[] Levels = ["fast", "standard", "full"];

    public static Dictionary<string, string[]> Validate(
        string? level, int? priority, string? webhookUrl, IReadOnlyList<string>? labels, WebhookOptions webhooks)
    {
        var errors = new Dictionary<string, string[]>();
        if (level is not null && !Levels.Contains(level))
        {
            errors["level"] = ["The level is fast, standard or full."];
        }

        if (priority is < 0 or > 9)
        {
            errors["priority"] = ["The priority is 0 (lowest) to 9 (highest)."];
        }

        if (webhookUrl is not null && WebhookUrlPolicy.Check(webhookUrl, webhooks) is { } refused)
        {
            errors["webhookUrl"] = [refused];
        }

        if (labels is { Count: > 32 } || (labels ?? []).Any(l => l is null or { Length: 0 or > 64 } || l.Any(char.IsControl)))
        {
            errors["labels"] = ["At most 32 labels, each a string of 1-64 characters without control characters."];
        }

        return errors;
    }
}
