namespace SampleMind.Audio.Eval;

/// <summary>MIREX-style tempo and key scores.</summary>
internal static class Scoring
{
    private static readonly string[] s_names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>Acc1: within 4 % of the reference.</summary>
    public static bool TempoAcc1(double estimate, double reference) => Math.Abs(estimate - reference) <= 0.04 * reference;

    /// <summary>Acc2: within 4 % of the reference times 1, 2, 1/2, 3 or 1/3.</summary>
    public static bool TempoAcc2(double estimate, double reference) =>
        new[] { 1.0, 2, 0.5, 3, 1.0 / 3 }.Any(f => TempoAcc1(estimate, reference * f));

    /// <summary>MIREX key score: 1 same, 0.5 estimate a fifth above (same mode), 0.3 relative, 0.2 parallel, else 0.</summary>
    public static double KeyScore(int estTonic, bool estMinor, int refTonic, bool refMinor)
    {
        if (estTonic == refTonic && estMinor == refMinor)
        {
            return 1;
        }

        if (estMinor == refMinor && ((estTonic - refTonic + 12) % 12 == 7 || (refTonic - estTonic + 12) % 12 == 7))
        {
            return 0.5;
        }

        if (!refMinor && estMinor && estTonic == (refTonic + 9) % 12)
        {
            return 0.3;
        }

        if (refMinor && !estMinor && estTonic == (refTonic + 3) % 12)
        {
            return 0.3;
        }

        return estTonic == refTonic ? 0.2 : 0;
    }

    /// <summary>Parses "F# minor", "Bb major", "Am", "C" into (tonic, minor).</summary>
    public static (int Tonic, bool Minor)? ParseKey(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var tonic = Array.IndexOf(s_names, char.ToUpperInvariant(text[0]).ToString());
        if (tonic < 0)
        {
            return null;
        }

        var rest = text[1..];
        if (rest.StartsWith('#'))
        {
            tonic = (tonic + 1) % 12;
            rest = rest[1..];
        }
        else if (rest.StartsWith('b'))
        {
            tonic = (tonic + 11) % 12;
            rest = rest[1..];
        }

        rest = rest.Trim().ToLowerInvariant();
        var minor = rest.StartsWith("min", StringComparison.Ordinal) || rest == "m";
        return (tonic, minor);
    }

    public static string KeyName(int tonic, bool minor) => $"{s_names[tonic]} {(minor ? "minor" : "major")}";
}
