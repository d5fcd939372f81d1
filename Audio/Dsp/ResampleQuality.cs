namespace SampleMind.Audio.Dsp;

/// <summary>soxr quality recipes: Low (LQ, 16-bit), Medium (MQ), High (HQ, 20-bit precision).</summary>
public enum ResampleQuality
{
    /// <summary>SOXR_LQ.</summary>
    Low,

    /// <summary>SOXR_MQ: used for analysis.</summary>
    Medium,

    /// <summary>SOXR_HQ: use for audio that will be listened to.</summary>
    High,
}
