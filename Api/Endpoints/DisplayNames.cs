namespace SampleMind.Api.Endpoints;

/// <summary>Names people give things (a tenant, a key): shown in lists and logs, so bounded and free of control characters.</summary>
internal static class DisplayNames
{
    /// <summary>Why <paramref name="name"/> cannot be used, or null when it can (null itself: the default applies).</summary>
    public static string? Error(string? name, int maxLength) =>
        name is null ? null
        : name.Length == 0 || name.Length > maxLength || string.IsNullOrWhiteSpace(name) ? $"A name is 1-{maxLength} characters, not all spaces."
        : name.Any(char.IsControl) ? "A name has no control characters (line breaks, tabs, ...)."
        : null;
}
