using System.Globalization;
using System.Text.RegularExpressions;

namespace SampleMind.Audio.Decoding;

/// <summary>
/// The audio chunk's promised and present lengths of a WAV or AIFF file cut short, read from libsndfile's header log.
/// libsndfile clamps a data chunk longer than the bytes after it to what is there (so SF_INFO.frames already counts only
/// the frames present) and logs the length it was given beside the one it took: "data : 1280 (should be 838)" in WAV,
/// " SSND : 352808 (should be 176381)" in AIFF (both lengths count the SSND chunk's 8-byte offset and block size).
/// </summary>
internal static partial class DataChunkShortfall
{
    /// <summary>
    /// From this length on (2 GiB) a data chunk's length is taken for a placeholder, not a promise: writers that stream
    /// leave such a length when they cannot come back to fill it in (ffmpeg writing a WAV to a pipe leaves 0xFFFFFFFF),
    /// and no sample comes near it (20 minutes of 8 channels of 32-bit audio at 192 kHz is 1.5 GB).
    /// </summary>
    private const long PlaceholderLength = int.MaxValue;

    /// <summary>
    /// The audio chunk's length as its header gives it and as far as the file holds it, when the header promises more;
    /// null when the chunk is whole, its length is a placeholder, or the log does not say.
    /// </summary>
    public static (long Promised, long Present)? Find(string log)
    {
        var match = ClampedChunk().Match(log);
        if (!match.Success
            || !long.TryParse(match.Groups["promised"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var promised)
            || !long.TryParse(match.Groups["present"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var present)
            || promised >= PlaceholderLength || promised <= present)
        {
            return null;
        }

        return (promised, present);
    }

    [GeneratedRegex(@"^ ?(?:data|SSND) : (?<promised>[0-9]+) \(should be (?<present>[0-9]+)\)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ClampedChunk();
}
