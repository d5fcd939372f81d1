using System.Text;
using System.Text.RegularExpressions;

namespace SampleMind.Deploy.Tests.Parsing;

/// <summary>
/// A Dockerfile split into instructions (continuation lines joined, comments and parser
/// directives dropped) and build stages. Global ARG defaults (before the first FROM) are
/// substituted into FROM lines, as the builder does.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions, IReadOnlyList<DockerStage> stages)
    {
        Instructions = instructions;
        Stages = stages;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage FinalStage => Stages[^1];

    public static Dockerfile Load(string path) => Parse(File.ReadAllText(path));

    public static Dockerfile Parse(string text)
    {
        var instructions = JoinLines(text);
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "ARG" && stages.Count == 0)
            {
                var parts = instruction.Arguments.Split('=', 2);
                globalArgs[parts[0].Trim()] = parts.Length > 1 ? parts[1].Trim() : "";
            }
            else if (instruction.Keyword == "FROM")
            {
                stages.Add(ParseFrom(instruction.Arguments, globalArgs));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        return new Dockerfile(instructions, stages);
    }

    private static DockerStage ParseFrom(string arguments, Dictionary<string, string> globalArgs)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var image = ArgReference().Replace(words[0], m =>
            globalArgs.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);
        var alias = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        return new DockerStage(words[0], image, alias, []);
    }

    private static List<DockerInstruction> JoinLines(string text)
    {
        var instructions = new List<DockerInstruction>();
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current.Append(line.AsSpan(0, line.Length - 1)).Append(' ');
                continue;
            }

            current.Append(line);
            var joined = current.ToString().Trim();
            current.Clear();
            var space = joined.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0
                ? new DockerInstruction(joined.ToUpperInvariant(), "")
                : new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim()));
        }

        return instructions;
    }

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex ArgReference();
}
