using Spectre.Console;

namespace SampleMind.Cli;

/// <summary>
/// How the commands' output is drawn: on a terminal, Spectre.Console's defaults (colours unless <c>NO_COLOR</c> is set,
/// lines wrapped to the window, live progress bars); into a pipe or a file, plain text: no ANSI codes, no line wrapped.
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
