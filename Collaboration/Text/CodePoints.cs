using System.Text;

namespace SampleMind.Collaboration.Text;

/// <summary>Unicode code point arithmetic over UTF-16 strings (a surrogate pair is one code point).</summary>
public static class CodePoints
{
    /// <summary>Number of code points; a lone surrogate counts as one.</summary>
    public static int Count(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>True when every surrogate is part of a pair.</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The UTF-16 index of the code point at <paramref name="codePointIndex"/>.</summary>
    public static int CharIndex(string text, int codePointIndex)
    {
        var i = 0;
        for (var n = 0; n < codePointIndex; n++)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }

        return i;
    }

    /// <summary>The substring of <paramref name="count"/> code points from code point <paramref name="start"/>.</summary>
    public static string Slice(string text, int start, int count)
    {
        var from = CharIndex(text, start);
        var to = from + CharIndex(text.AsSpan(from).ToString(), count);
        return text[from..to];
    }

    /// <summary>Appends one code point (or a lone surrogate kept as it was) to a builder.</summary>
    public static void Append(StringBuilder builder, int codePoint)
    {
        if (codePoint > 0xFFFF)
        {
            builder.Append(char.ConvertFromUtf32(codePoint));
        }
        else
        {
            builder.Append((char)codePoint);
        }
    }
}
