using SampleMind.Audio.Errors;
using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Decoding;

/// <summary>Reads a file through libsndfile (WAV, AIFF, FLAC, OGG/Vorbis/Opus, MP3 and the rest it knows).</summary>
internal sealed unsafe class SndFileReader : IAudioReader
{
    private readonly SndFileHandle _file;
    private readonly string _path;
    private readonly MemoryFile? _memory;

    private SndFileReader(SndFileHandle file, SfInfo info, string path, MemoryFile? memory)
    {
        _file = file;
        _path = path;
        _memory = memory;
        SampleRate = info.SampleRate;
        Channels = info.Channels;
        KnownFrames = info.Frames is > 0 and < long.MaxValue / 2 ? info.Frames : null;
        (Container, Codec, BitDepth) = SndFileFormats.Describe(info.Format);
        PromisedFrames = (info.Format & SndFile.TypeMask) switch
        {
            SndFile.FormatFlac => KnownFrames,
            SndFile.FormatWav or SndFile.FormatWavex => ClampedFrames(DataChunkShortfall.Find(SndFile.LogInfo(file)), 0),
            SndFile.FormatAiff => ClampedFrames(DataChunkShortfall.Find(SndFile.LogInfo(file)), 8),
            _ => null,
        };
    }

    public int SampleRate { get; }

    public int Channels { get; }

    public string Container { get; }

    public string Codec { get; }

    public int? BitDepth { get; }

    public long? KnownFrames { get; }

    /// <summary>
    /// FLAC: STREAMINFO's total, which a cut file still states. WAV and AIFF: the frames the data chunk's length promises,
    /// only when libsndfile clamped it to the file (KnownFrames then counts the frames present). Other formats: null, as
    /// their counts are estimates (MP3) or come from the frames present (Ogg, W64, RF64, AU, CAF).
    /// </summary>
    public long? PromisedFrames { get; }

    public bool IsFfmpeg => false;

    /// <summary>Opens <paramref name="path"/>; returns null with the library's reason when libsndfile cannot read it.</summary>
    public static SndFileReader? TryOpen(string path, out string reason)
    {
        var info = default(SfInfo);
        return Checked(SndFile.Open(path, SndFile.ModeRead, ref info), info, path, null, out reason);
    }

    /// <summary>
    /// Opens the file <paramref name="path"/> whose bytes are <paramref name="contents"/>, decoding them from memory;
    /// returns null with the library's reason when libsndfile cannot read them. The bytes must not change until the
    /// reader is disposed.
    /// </summary>
    public static SndFileReader? TryOpen(string path, ReadOnlyMemory<byte> contents, out string reason)
    {
        var memory = new MemoryFile(contents);
        var info = default(SfInfo);
        return Checked(memory.Open(ref info), info, path, memory, out reason);
    }

    private static SndFileReader? Checked(SndFileHandle file, SfInfo info, string path, MemoryFile? memory, out string reason)
    {
        if (file.IsInvalid)
        {
            reason = "libsndfile: " + SndFile.LastError(null);
        }
        else if (info.Channels is < 1 or > 64 || info.SampleRate is < 1000 or > 768_000)
        {
            reason = $"implausible stream: {info.Channels} channels at {info.SampleRate} Hz";
        }
        else
        {
            reason = string.Empty;
            return new SndFileReader(file, info, path, memory);
        }

        file.Dispose();
        memory?.Dispose();
        return null;
    }

    /// <summary>
    /// The frames in the audio chunk's promised length: whole-byte samples exactly (an AIFF SSND length counts its 8-byte
    /// offset and block size too), ADPCM and the like at the rate of the bytes present.
    /// </summary>
    private long? ClampedFrames((long Promised, long Present)? chunk, int chunkHeader)
    {
        if (chunk is not (var promised, var present) || KnownFrames is not { } known || present <= chunkHeader)
        {
            return null;
        }

        return BitDepth is { } bits && bits % 8 == 0
            ? (promised - chunkHeader) / (Channels * (bits / 8))
            : known + (long)((promised - present) * (double)known / (present - chunkHeader));
    }

    public int Read(Span<float> buffer)
    {
        var frames = buffer.Length / Channels;
        long read;
        fixed (float* p = buffer)
        {
            read = SndFile.ReadFramesFloat(_file, p, frames);
        }

        if (read < 0 || (read == 0 && SndFile.Error(_file) != 0))
        {
            throw new AudioDecodeException(_path, "libsndfile: " + SndFile.LastError(_file));
        }

        return (int)read;
    }

    public void Dispose()
    {
        _file.Dispose();
        _memory?.Dispose();
    }
}
