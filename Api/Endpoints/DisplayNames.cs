using SampleMind.Collaboration.Text;

namespace SampleMind.Api.Endpoints;

/// <summary>
/// Names people give things (a tenant, a key): shown in lists, logs and the dashboard, so bounded and free of control
/// characters and of the bidi controls that reorder what is shown after them (<see cref="ControlCharacters"/>).
/// </summary>
internal static class DisplayNames
{
    /// <summary>Why <paramref name="name"/> cannot be used, or null when it can (null itself: the default applies).</summary>
    public static string? Error(string? name, int maxLength) =>
        name is null ? null
        : name.Length == 0 || name.Length > maxLength || string.IsNullOrWhiteSpace(name) ? $"A name is 1-{maxLength} characters, not all spaces."
        : ControlCharacters.FindRefused(name, allowBreaks: false) is { } refused
            ? $"A name has no control characters (line breaks, tabs, ...) nor bidi controls (U+202A-U+202E, U+2066-U+2069); it has U+{(int)refused:X4}."
        : null;
}
