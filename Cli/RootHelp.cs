using System.CommandLine;

namespace SampleMind.Cli;

/// <summary>
/// The root command's help: System.CommandLine's, but with a command's optional argument shown as optional
/// (<c>jobs [&lt;id&gt;]</c>), where the library, which offers no hook for that column, shows <c>jobs &lt;id&gt;</c>.
/// </summary>
internal static class RootHelp
{
    /// <summary>Writes the help <paramref name="parsed"/> asks for (of its root command) to standard output.</summary>
    public static int Write(ParseResult parsed)
    {
        var help = new StringWriter();
        var code = parsed.Invoke(new InvocationConfiguration { Output = help });
        var text = help.ToString();
        foreach (var command in parsed.RootCommandResult.Command.Subcommands)
        {
            foreach (var argument in command.Arguments.Where(a => a.Arity.MinimumNumberOfValues == 0))
            {
                // Two characters longer: they come out of the padding before the description.
                text = text.Replace($"  {command.Name} <{argument.Name}>  ", $"  {command.Name} [<{argument.Name}>]", StringComparison.Ordinal);
            }
        }

        Console.Out.Write(text);
        return code;
    }
}
