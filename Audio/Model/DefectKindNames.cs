using System.Text;

namespace SampleMind.Audio;

/// <summary>The names of defect kinds that catalogue rows, listings, search filters and text queries use.</summary>
public static class DefectKindNames
{
    /// <summary>Every kind's name, in the enumeration's order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<DefectKind>().Select(Name)];

    /// <summary>"DcOffset" → "dc-offset".</summary>
    public static string Name(this DefectKind kind)
    {
        var name = kind.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
