namespace SampleMind.Audio.Analysis;

/// <summary>Major and minor key profiles (tonic first) used by the ensemble key estimator.</summary>
internal static class KeyProfiles
{
    /// <summary>Krumhansl and Kessler (1982) probe-tone ratings.</summary>
    public static readonly double[] KrumhanslMajor = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    public static readonly double[] KrumhanslMinor = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>Temperley (1999, "What's key for key?") revised profiles.</summary>
    public static readonly double[] TemperleyMajor = [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0];
    public static readonly double[] TemperleyMinor = [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0];

    /// <summary>Shaath's electronic-dance-music style profiles (KeyFinder), tuned on audio chroma.</summary>
    public static readonly double[] ShaathMajor = [7.24, 3.50, 3.58, 2.85, 5.82, 4.56, 2.45, 6.99, 3.39, 4.56, 4.07, 4.46];
    public static readonly double[] ShaathMinor = [7.00, 3.14, 4.36, 5.40, 3.67, 4.09, 3.91, 6.20, 3.63, 2.87, 5.35, 3.83];

    public static readonly (double[] Major, double[] Minor)[] All =
    [
        (KrumhanslMajor, KrumhanslMinor),
        (TemperleyMajor, TemperleyMinor),
        (ShaathMajor, ShaathMinor),
    ];
}
