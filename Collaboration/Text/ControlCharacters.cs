using System.Buffers;

namespace SampleMind.Collaboration.Text;

/// <summary>
/// The characters text shown to other users must not hold: the C0 and C1 controls and DEL (a NUL or an escape sequence
/// could corrupt or restyle another client's view), and the bidi embedding, override and isolate controls
/// (U+202A-U+202E, U+2066-U+2069), which reorder the text shown after them.
/// </summary>
public static class ControlCharacters
{
    private static readonly SearchValues<char> s_all = SearchValues.Create(Refused(allowBreaks: false));

    private static readonly SearchValues<char> s_allButBreaks = SearchValues.Create(Refused(allowBreaks: true));

    /// <summary>
    /// The first refused character of <paramref name="text"/>, or null; line breaks (\n) and tabs pass when
    /// <paramref name="allowBreaks"/> (multi-line text such as a chat).
    /// </summary>
    public static char? FindRefused(ReadOnlySpan<char> text, bool allowBreaks)
    {
        var index = text.IndexOfAny(allowBreaks ? s_allButBreaks : s_all);
        return index < 0 ? null : text[index];
    }

    private static char[] Refused(bool allowBreaks) =>
    [
        .. Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && !(allowBreaks && c is ('\n' or '\t'))),
        .. Enumerable.Range(0x202A, 5).Select(i => (char)i),
        .. Enumerable.Range(0x2066, 4).Select(i => (char)i),
    ];
}
