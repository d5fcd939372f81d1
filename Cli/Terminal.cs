using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace SampleMind.Cli;

/// <summary>
/// How the commands' output is drawn: on a terminal, Spectre.Console's defaults (colours unless <c>NO_COLOR</c> is set,
/// lines wrapped to the window, live progress bars, tables drawn with box-drawing characters); into a pipe or a file,
/// plain text: no ANSI codes, no line wrapped, tables drawn in ASCII (<c>+-|</c>). Text the API sends (ids, file
/// names, reasons) is printed as it is, never read as markup, with its control characters shown as their codes
/// (<see cref="Clean"/>).
/// </summary>
internal static class Terminal
{
    /// <summary>
    /// Characters that drive a terminal rather than show: C0 controls (ESC, BEL, CR, LF...), DEL, C1 controls (CSI is
    /// U+009B), and the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder
    /// what follows them on the line.
    /// </summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Chars(0x00, 0x1F), .. Chars(0x7F, 0x9F), .. Chars(0x202A, 0x202E), .. Chars(0x2066, 0x2069)]);

    /// <summary>The width plain output is laid out in: more than any line a command prints.</summary>
    public const int PlainWidth = 100_000;

    public static void Configure()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console = Plain(Console.Out);
        }
    }

    /// <summary>
    /// A table with <paramref name="columns"/> for a command's output: its border box-drawn on a terminal, in ASCII
    /// (<c>+-|</c>) when standard output is a pipe or a file, which any tool reads.
    /// </summary>
    public static Table NewTable(params string[] columns) =>
        new Table { Border = Console.IsOutputRedirected ? TableBorder.Ascii : TableBorder.Square }.AddColumns(columns);

    /// <summary>
    /// <paramref name="text"/> (the API's, or a file's name) fit to print on a terminal: each control character or
    /// bidirectional override written as its code (<c>\x1B</c>, <c>\u202E</c>), so that a name cannot clear the screen,
    /// move the cursor, set the window's title or reorder the line it is on. Null is empty.
    /// </summary>
    public static string Clean(string? text)
    {
        if (text is null)
        {
            return "";
        }

        var at = text.AsSpan().IndexOfAny(Controls);
        if (at < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length + 16).Append(text, 0, at);
        foreach (var c in text.AsSpan(at))
        {
            if (Controls.Contains(c))
            {
                clean.Append(c <= '\u00FF' ? "\\x" : "\\u").Append(((int)c).ToString(c <= '\u00FF' ? "X2" : "X4", CultureInfo.InvariantCulture));
            }
            else
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    /// <summary><paramref name="text"/> as a table's or grid's cell: shown as it is (no markup), <see cref="Clean"/>.</summary>
    public static Text Literal(string? text) => new(Clean(text));

    /// <summary>A JSON value of the API's answer as a cell (a string's text, a number as written; null is empty).</summary>
    public static Text Literal(JsonNode? node) => Literal(node?.ToString());

    /// <summary>A console writing plain text to <paramref name="output"/>.</summary>
    public static IAnsiConsole Plain(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = PlainWidth;
        return console;
    }

    private static IEnumerable<char> Chars(int first, int last) => Enumerable.Range(first, last - first + 1).Select(c => (char)c);
}
