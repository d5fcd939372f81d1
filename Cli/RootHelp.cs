using System.CommandLine;

namespace SampleMind.Cli;

/// <summary>
/// The root command's help: System.CommandLine's, but with a command's optional argument shown as optional
/// (<c>jobs [&lt;id&gt;]</c>), where the library, which offers no hook for that column, shows <c>jobs &lt;id&gt;</c>.
/// </summary>
internal static class RootHelp
{
    /// <summary>The least space between a command's usage and its description.</summary>
    private const int Gap = 2;

    /// <summary>Writes the help <paramref name="parsed"/> asks for (of its root command) to standard output.</summary>
    public static int Write(ParseResult parsed)
    {
        var help = new StringWriter();
        var code = parsed.Invoke(new InvocationConfiguration { Output = help });
        var lines = help.ToString().Split('\n');
        foreach (var command in parsed.RootCommandResult.Command.Subcommands)
        {
            foreach (var argument in command.Arguments.Where(a => a.Arity.MinimumNumberOfValues == 0))
            {
                MarkOptional(lines, $"  {command.Name} <{argument.Name}>", $"  {command.Name} [<{argument.Name}>]");
            }
        }

        Console.Out.Write(string.Join('\n', lines));
        return code;
    }

    /// <summary>
    /// Replaces the usage <paramref name="shown"/> with <paramref name="optional"/> (two characters longer) in its line of
    /// the list of commands, widening the list's first column where its padding leaves less than <see cref="Gap"/>.
    /// </summary>
    private static void MarkOptional(string[] lines, string shown, string optional)
    {
        var row = Array.FindIndex(lines, l => l.StartsWith(shown + "  ", StringComparison.Ordinal));
        if (row < 0)
        {
            return;
        }

        var column = lines[row].Length - lines[row].AsSpan(shown.Length).TrimStart(' ').Length;
        var widen = Math.Max(0, optional.Length + Gap - column);
        if (widen > 0)
        {
            // Every line of the list (a wrapped description's too) moves its description right by as much.
            for (var i = row; i >= 0 && lines[i].StartsWith("  ", StringComparison.Ordinal); i--)
            {
                lines[i] = Widen(lines[i], column, widen);
            }

            for (var i = row + 1; i < lines.Length && lines[i].StartsWith("  ", StringComparison.Ordinal); i++)
            {
                lines[i] = Widen(lines[i], column, widen);
            }
        }

        // The padding now holds the two characters more.
        lines[row] = optional + lines[row][optional.Length..];
    }

    private static string Widen(string line, int column, int by) =>
        line.Length > column ? line.Insert(column, new string(' ', by)) : line;
}
