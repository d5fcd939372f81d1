using Spectre.Console;

namespace SampleMind.Cli;

/// <summary>
/// How the commands' output is drawn: on a terminal, Spectre.Console's defaults (colours unless <c>NO_COLOR</c> is set,
/// lines wrapped to the window, live progress bars, tables drawn with box-drawing characters); into a pipe or a file,
/// plain text: no ANSI codes, no line wrapped, tables drawn in ASCII (<c>+-|</c>).
/// </summary>
internal static class Terminal
{
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
}
