using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace SampleMind.Search.Filters;

/// <summary>
/// A musical key as tonic pitch class and mode, with its position on the Camelot wheel
/// (1A = A♭ minor … 8A = A minor … 8B = C major … 12B = E major).
/// </summary>
/// <param name="Tonic">Pitch class of the tonic, 0 = C … 11 = B.</param>
/// <param name="Mode">Major or minor.</param>
public readonly record struct CamelotKey(int Tonic, KeyMode Mode)
{
    /// <summary>
    /// Tonic names with sharps, as analysis names keys and the catalogue, listings and libraries show them ("A# minor"),
    /// so that an explanation names a sample's key as its listing does, and a query's key ("Bb minor") by the same
    /// spelling as the keys it is compared with.
    /// </summary>
    private static readonly string[] s_names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>The Camelot number, 1 to 12.</summary>
    [JsonIgnore]
    public int Number => ((7 * Tonic) + (Mode == KeyMode.Minor ? 4 : 7)) % 12 + 1;

    /// <summary>The Camelot letter: A for minor, B for major.</summary>
    [JsonIgnore]
    public char Letter => Mode == KeyMode.Minor ? 'A' : 'B';

    /// <summary>A dense code 0 to 23: <c>(Number - 1) × 2 + (major ? 1 : 0)</c>.</summary>
    [JsonIgnore]
    public int Code => ((Number - 1) * 2) + (Mode == KeyMode.Major ? 1 : 0);

    /// <summary>The Camelot code, e.g. "8A".</summary>
    public string Camelot => string.Create(CultureInfo.InvariantCulture, $"{Number}{Letter}");

    /// <summary>The relative key: same Camelot number, other mode (A minor ↔ C major).</summary>
    [JsonIgnore]
    public CamelotKey Relative => FromCamelot(Number, Mode == KeyMode.Minor ? KeyMode.Major : KeyMode.Minor);

    /// <summary>The key from a Camelot number (1-12) and mode.</summary>
    public static CamelotKey FromCamelot(int number, KeyMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 12);
        var offset = mode == KeyMode.Minor ? 4 : 7;
        var tonic = ((((number - 1 - offset) % 12) + 12) * 7) % 12;
        return new CamelotKey(tonic, mode);
    }

    /// <summary>The key from its dense <see cref="Code"/>.</summary>
    public static CamelotKey FromCode(int code) => FromCamelot((code / 2) + 1, code % 2 == 1 ? KeyMode.Major : KeyMode.Minor);

    /// <summary>
    /// The keys that mix with this one under <paramref name="match"/>: itself; its relative; and for
    /// <see cref="KeyMatch.Compatible"/> the Camelot neighbours ±1 with the same letter.
    /// </summary>
    public IReadOnlyList<CamelotKey> CompatibleKeys(KeyMatch match = KeyMatch.Compatible)
    {
        var keys = new List<CamelotKey> { this };
        if (match >= KeyMatch.Relative)
        {
            keys.Add(Relative);
        }

        if (match == KeyMatch.Compatible)
        {
            keys.Add(FromCamelot((Number % 12) + 1, Mode));
            keys.Add(FromCamelot(((Number + 10) % 12) + 1, Mode));
        }

        return keys;
    }

    /// <summary>A 24-bit mask over <see cref="Code"/> of <see cref="CompatibleKeys"/>.</summary>
    public int CompatibleMask(KeyMatch match = KeyMatch.Compatible)
    {
        var mask = 0;
        foreach (var key in CompatibleKeys(match))
        {
            mask |= 1 << key.Code;
        }

        return mask;
    }

    /// <summary>True when <paramref name="other"/> mixes with this key under <paramref name="match"/>.</summary>
    public bool IsCompatibleWith(CamelotKey other, KeyMatch match = KeyMatch.Compatible) =>
        (CompatibleMask(match) & (1 << other.Code)) != 0;

    /// <summary>
    /// Parses "8A", "12b", "F minor", "F min", "Fm", "F#m", "Gb major", "Cmaj", "C" (major), "A♭ minor".
    /// </summary>
    /// <exception cref="FormatException">The text is not a key.</exception>
    public static CamelotKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"'{text}' is not a key (e.g. 8A, F minor, Fm).");

    /// <summary>Like <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CamelotKey key)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().Replace('♯', '#').Replace('♭', 'b');
        return TryParseCamelot(t, out key) || TryParseNamed(t, out key);
    }

    /// <summary>Parses a Camelot code "1A" to "12B" (either case).</summary>
    public static bool TryParseCamelot(string text, out CamelotKey key)
    {
        key = default;
        if (text.Length is < 2 or > 3)
        {
            return false;
        }

        var letter = char.ToUpperInvariant(text[^1]);
        if ((letter != 'A' && letter != 'B')
            || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < 1 or > 12)
        {
            return false;
        }

        key = FromCamelot(number, letter == 'A' ? KeyMode.Minor : KeyMode.Major);
        return true;
    }

    /// <summary>Parses a note name (C, C#, Db …) optionally followed by a mode word or suffix.</summary>
    public static bool TryParseNamed(string text, out CamelotKey key)
    {
        key = default;
        var (tonic, length) = ParseNote(text);
        if (tonic < 0)
        {
            return false;
        }

        var rest = text[length..].Trim().ToLowerInvariant();
        KeyMode? mode = rest switch
        {
            "" or "maj" or "major" => KeyMode.Major,
            "m" or "min" or "minor" => KeyMode.Minor,
            _ => null,
        };
        if (mode is null)
        {
            return false;
        }

        key = new CamelotKey(tonic, mode.Value);
        return true;
    }

    /// <summary>The pitch class of a leading note name and the characters it took, or (-1, 0).</summary>
    internal static (int Tonic, int Length) ParseNote(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return (-1, 0);
        }

        var tonic = char.ToUpperInvariant(text[0]) switch
        {
            'C' => 0,
            'D' => 2,
            'E' => 4,
            'F' => 5,
            'G' => 7,
            'A' => 9,
            'B' => 11,
            _ => -1,
        };
        if (tonic < 0)
        {
            return (-1, 0);
        }

        if (text.Length > 1 && text[1] == '#')
        {
            return ((tonic + 1) % 12, 2);
        }

        return text.Length > 1 && text[1] == 'b' ? ((tonic + 11) % 12, 2) : (tonic, 1);
    }

    /// <summary>The key as text, e.g. "F minor (4A)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{s_names[Tonic]} {(Mode == KeyMode.Minor ? "minor" : "major")} ({Camelot})");
}
