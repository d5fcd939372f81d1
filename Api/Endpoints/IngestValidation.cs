using SampleMind.Grains.Webhooks;

namespace SampleMind.Api.Endpoints;

/// <summary>Checks of ingest options shared by the JSON and upload forms; each failure names its field.</summary>
internal static class IngestValidation
{
    public static readonly string[] Levels = ["fast", "standard", "full"];

    /// <summary>The level of a job that names none.</summary>
    public const string DefaultLevel = "standard";

    /// <summary>The lowest priority (a tenant's jobs run highest first).</summary>
    public const int MinPriority = 0;

    public const int MaxPriority = 9;

    /// <summary>The priority of a job that names none.</summary>
    public const int DefaultPriority = 5;

    /// <summary>The most labels a job puts on its samples.</summary>
    public const int MaxLabels = 32;

    /// <summary>The most characters of a label (1 at least).</summary>
    public const int MaxLabelLength = 64;

    public static Dictionary<string, string[]> Validate(
        string? level, int? priority, string? webhookUrl, IReadOnlyList<string>? labels, WebhookOptions webhooks)
    {
        var errors = new Dictionary<string, string[]>();
        if (level is not null && !Levels.Contains(level))
        {
            errors["level"] = ["The level is fast, standard or full."];
        }

        if (priority is < MinPriority or > MaxPriority)
        {
            errors["priority"] = [$"The priority is {MinPriority} (lowest) to {MaxPriority} (highest)."];
        }

        if (webhookUrl is not null && WebhookUrlPolicy.Check(webhookUrl, webhooks) is { } refused)
        {
            errors["webhookUrl"] = [refused];
        }

        if (labels is { Count: > MaxLabels } || (labels ?? []).Any(l => l is null or { Length: 0 or > MaxLabelLength } || l.Any(char.IsControl)))
        {
            errors["labels"] = [$"At most {MaxLabels} labels, each a string of 1-{MaxLabelLength} characters without control characters."];
        }

        return errors;
    }
}
