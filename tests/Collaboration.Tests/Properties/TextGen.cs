using System.Text;
using SampleMind.Collaboration.Text;

namespace SampleMind.Collaboration.Tests.Properties;

/// <summary>Random texts (with astral code points) and random valid or malformed text ops.</summary>
internal static class TextGen
{
    /// <summary>The letters texts are made of; the line break last, so that one-line texts leave it out.</summary>
    private static readonly string[] s_alphabet = ["a", "b", "c", " ", "é", "😀", "𝄞", "\n"];

    /// <summary>A text of up to <paramref name="maxCodePoints"/>; without line breaks when <paramref name="oneLine"/> (a project's names).</summary>
    public static string Text(Random random, int maxCodePoints = 12, bool oneLine = false)
    {
        var builder = new StringBuilder();
        var n = random.Next(maxCodePoints + 1);
        for (var i = 0; i < n; i++)
        {
            builder.Append(s_alphabet[random.Next(s_alphabet.Length - (oneLine ? 1 : 0))]);
        }

        return builder.ToString();
    }

    /// <summary>A valid op on a text of <paramref name="length"/> code points; inserting no line break when <paramref name="oneLine"/>.</summary>
    public static TextOperation Op(Random random, int length, bool oneLine = false)
    {
        var builder = new TextOperationBuilder();
        var left = length;
        while (left > 0 || random.Next(4) == 0)
        {
            var n = left == 0 ? 0 : random.Next(1, Math.Min(left, 4) + 1);
            switch (random.Next(left == 0 ? 1 : 3))
            {
                case 0:
                    builder.Insert(Text(random, 3, oneLine));
                    break;
                case 1:
                    builder.Retain(n);
                    left -= n;
                    break;
                default:
                    builder.Delete(n);
                    left -= n;
                    break;
            }
        }

        return builder.Build();
    }

    /// <summary>An op on a text of <paramref name="length"/> code points broken in one of several ways.</summary>
    public static (TextOperation Op, string Defect) Malformed(Random random, int length)
    {
        var components = new List<TextComponent>(Op(random, length).Components.ToArray());
        var at = random.Next(components.Count + 1);
        var (component, defect) = random.Next(8) switch
        {
            0 => (TextComponent.Retain(random.Next(1, 5)), "base length too long"),
            1 => (new TextComponent(TextComponentKind.Retain, -random.Next(1, 5), null), "negative retain"),
            2 => (new TextComponent(TextComponentKind.Delete, 0, null), "empty delete"),
            3 => (new TextComponent(TextComponentKind.Insert, 0, string.Empty), "empty insert"),
            4 => (TextComponent.Insert("x\uD83D"), "unpaired high surrogate"),
            5 => (TextComponent.Insert("\uDE00y"), "unpaired low surrogate"),
            6 => (new TextComponent(TextComponentKind.Insert, 3, "ab"), "count does not match text"),
            _ => (new TextComponent((TextComponentKind)7, 1, null), "unknown kind"),
        };
        components.Insert(at, component);
        return (TextOperation.FromComponents(components.ToArray()), defect);
    }
}
