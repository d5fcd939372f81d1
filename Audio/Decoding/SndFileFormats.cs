using SampleMind.Audio.Interop;

namespace SampleMind.Audio.Decoding;

/// <summary>Names for libsndfile's SF_FORMAT_* major types and subtypes.</summary>
internal static class SndFileFormats
{
    public static (string Container, string Codec, int? BitDepth) Describe(int format)
    {
        var container = (format & SndFile.TypeMask) switch
        {
            0x010000 => "wav",
            0x020000 => "aiff",
            0x030000 => "au",
            0x040000 => "raw",
            0x0B0000 => "w64",
            0x130000 => "wav",
            0x170000 => "flac",
            0x180000 => "caf",
            0x200000 => "ogg",
            0x220000 => "rf64",
            0x230000 => "mp3",
            var other => $"sndfile-0x{other >> 16:x}",
        };
        var (codec, bits) = (format & SndFile.SubMask) switch
        {
            0x0001 => ("pcm_s8", 8),
            0x0002 => ("pcm_s16", 16),
            0x0003 => ("pcm_s24", 24),
            0x0004 => ("pcm_s32", 32),
            0x0005 => ("pcm_u8", 8),
            0x0006 => ("pcm_f32", 32),
            0x0007 => ("pcm_f64", 64),
            0x0010 => ("ulaw", 8),
            0x0011 => ("alaw", 8),
            0x0012 => ("ima_adpcm", 4),
            0x0013 => ("ms_adpcm", 4),
            0x0060 => ("vorbis", 0),
            0x0064 => ("opus", 0),
            0x0070 => ("alac", 16),
            0x0071 => ("alac", 20),
            0x0072 => ("alac", 24),
            0x0073 => ("alac", 32),
            0x0080 => ("mp1", 0),
            0x0081 => ("mp2", 0),
            0x0082 => ("mp3", 0),
            var other => ($"sndfile-0x{other:x}", 0),
        };
        return (container, codec, bits == 0 ? null : bits);
    }
}
