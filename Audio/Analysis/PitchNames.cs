using System.Globalization;

namespace SampleMind.Audio.Analysis;

/// <summary>Pitch-class names and Camelot codes.</summary>
internal static class PitchNames
{
    public static readonly string[] Sharps = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>
    /// Camelot code: major keys are "B" (C = 8B), minor keys "A" (A minor = 8A); fifths step by one, from 1B = B major
    /// (1A = G# minor) to 12B = E major (12A = C# minor).
    /// </summary>
    public static string Camelot(int tonic, KeyMode mode)
    {
        var relativeMajor = mode == KeyMode.Major ? tonic : (tonic + 3) % 12;
        var number = ((7 * relativeMajor) + 7) % 12 + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{number}{(mode == KeyMode.Major ? 'B' : 'A')}");
    }

    public static string NoteName(int midi) => $"{Sharps[((midi % 12) + 12) % 12]}{(midi / 12) - 1}";
}
